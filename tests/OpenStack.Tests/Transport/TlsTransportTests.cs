using System;
using System.Linq;
using System.Net.Http;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Threading.Tasks;
using OpenStack.Http;
using Xunit;

namespace OpenStack.Tests.Transport;

/// <summary>
/// The transport against a real TLS server on 127.0.0.1: what is trusted by default, with a CA
/// bundle, with verification off, and client certificates.
/// </summary>
public sealed class TlsTransportTests : IClassFixture<TestPki>
{
    private readonly TestPki _pki;

    public TlsTransportTests(TestPki pki)
    {
        _pki = pki;
    }

    [Fact]
    public async Task Default_options_reject_a_server_whose_CA_is_not_in_the_system_store()
    {
        await using LoopbackServer server = LoopbackServer.Https(KeystoneWire.Respond, _pki.Server);

        var error = await Assert.ThrowsAsync<HttpRequestException>(
            () => OpenStackConnection.ConnectAsync(KeystoneWire.Options(server.BaseAddress)));

        Assert.IsType<AuthenticationException>(error.InnerException);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task CaCertificateFile_makes_the_token_and_service_requests_succeed()
    {
        await using LoopbackServer server = LoopbackServer.Https(KeystoneWire.Respond, _pki.Server);
        OpenStackClientOptions options = KeystoneWire.Options(server.BaseAddress);
        options.CaCertificateFile = _pki.RootPem;

        using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(options);
        using HttpClient http = connection.CreateHttpClient(server.BaseAddress);
        string body = await http.GetStringAsync(new Uri("v2/images", UriKind.Relative));

        Assert.Equal(KeystoneWire.IssuedToken, connection.Token.Value);
        Assert.Equal(KeystoneWire.ServiceBody, body);
        Assert.Equal(["POST /v3/auth/tokens", "GET /v2/images"], server.Requests.Select(r => r.Method + " " + r.Target));
    }

    [Fact]
    public async Task A_bundle_of_several_certificates_trusts_each_of_them()
    {
        await using LoopbackServer server = LoopbackServer.Https(KeystoneWire.Respond, _pki.Server);

        string body = await GetAsync(server, new OpenStackClientOptions { CaCertificateFile = _pki.BundlePem });

        Assert.Equal(KeystoneWire.ServiceBody, body);
    }

    [Fact]
    public async Task A_bundle_without_the_servers_CA_is_rejected()
    {
        await using LoopbackServer server = LoopbackServer.Https(KeystoneWire.Respond, _pki.Server);

        var error = await Assert.ThrowsAsync<HttpRequestException>(
            () => GetAsync(server, new OpenStackClientOptions { CaCertificateFile = _pki.OtherRootPem }));

        Assert.IsType<AuthenticationException>(error.InnerException);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task The_host_name_is_still_checked_with_a_CA_bundle()
    {
        await using LoopbackServer server = LoopbackServer.Https(KeystoneWire.Respond, _pki.WrongNameServer);

        var error = await Assert.ThrowsAsync<HttpRequestException>(
            () => GetAsync(server, new OpenStackClientOptions { CaCertificateFile = _pki.RootPem }));

        Assert.IsType<AuthenticationException>(error.InnerException);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task VerifyTls_false_accepts_an_untrusted_certificate_for_the_whole_connection()
    {
        await using LoopbackServer server = LoopbackServer.Https(KeystoneWire.Respond, _pki.WrongNameServer);
        OpenStackClientOptions options = KeystoneWire.Options(server.BaseAddress);
        options.VerifyTls = false;

        using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(options);
        using HttpClient http = connection.CreateHttpClient(server.BaseAddress);

        Assert.Equal(KeystoneWire.ServiceBody, await http.GetStringAsync(new Uri("v2/images", UriKind.Relative)));
    }

    [Fact]
    public async Task VerifyTls_false_ignores_the_CA_bundle_as_requests_does()
    {
        await using LoopbackServer server = LoopbackServer.Https(KeystoneWire.Respond, _pki.Server);

        string body = await GetAsync(server, new OpenStackClientOptions { VerifyTls = false, CaCertificateFile = _pki.PathFor("absent.pem") });

        Assert.Equal(KeystoneWire.ServiceBody, body);
    }

    [Fact]
    public async Task A_server_demanding_a_client_certificate_drops_a_client_without_one()
    {
        await using LoopbackServer server = LoopbackServer.Https(KeystoneWire.Respond, _pki.Server, clientRoot: _pki.Root);

        await Assert.ThrowsAsync<HttpRequestException>(
            () => GetAsync(server, new OpenStackClientOptions { CaCertificateFile = _pki.RootPem }));

        Assert.Empty(server.Requests);
        Assert.Empty(server.ClientCertificates);
    }

    [Fact]
    public async Task ClientCertificateFile_with_the_key_inside_is_presented_for_the_token_and_service_requests()
    {
        await using LoopbackServer server = LoopbackServer.Https(KeystoneWire.Respond, _pki.Server, clientRoot: _pki.Root);
        OpenStackClientOptions options = KeystoneWire.Options(server.BaseAddress);
        options.CaCertificateFile = _pki.RootPem;
        options.ClientCertificateFile = _pki.ClientCombinedPem;

        using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(options);
        using HttpClient http = connection.CreateHttpClient(server.BaseAddress);
        await http.GetStringAsync(new Uri("v2/images", UriKind.Relative));

        Assert.Equal(2, server.Requests.Count);
        Assert.NotEmpty(server.ClientCertificates);
        Assert.All(server.ClientCertificates, thumbprint => Assert.Equal(_pki.Client.GetCertHashString(HashAlgorithmName.SHA256), thumbprint));
    }

    [Fact]
    public async Task ClientKeyFile_supplies_the_key_of_a_certificate_file_without_one()
    {
        await using LoopbackServer server = LoopbackServer.Https(KeystoneWire.Respond, _pki.Server, clientRoot: _pki.Root);

        await GetAsync(server, new OpenStackClientOptions
        {
            CaCertificateFile = _pki.RootPem,
            ClientCertificateFile = _pki.ClientCertificatePem,
            ClientKeyFile = _pki.ClientKeyPem,
        });

        Assert.Equal(_pki.Client.GetCertHashString(HashAlgorithmName.SHA256), Assert.Single(server.ClientCertificates));
    }

    [Fact]
    public async Task Intermediates_after_the_client_certificate_are_sent_so_a_server_trusting_only_the_root_accepts_it()
    {
        await using LoopbackServer server = LoopbackServer.Https(KeystoneWire.Respond, _pki.Server, clientRoot: _pki.Root);

        await GetAsync(server, new OpenStackClientOptions { CaCertificateFile = _pki.RootPem, ClientCertificateFile = _pki.ChainedClientPem });

        Assert.Equal(_pki.ChainedClient.GetCertHashString(HashAlgorithmName.SHA256), Assert.Single(server.ClientCertificates));
    }

    [Fact]
    public void The_default_transport_pools_connections_and_defers_to_the_process_proxy()
    {
        using var transport = Assert.IsAssignableFrom<DelegatingHandler>(TransportFactory.Create(new OpenStackClientOptions()));
        var handler = Assert.IsType<SocketsHttpHandler>(transport.InnerHandler);

        Assert.Equal(TimeSpan.FromMinutes(5), handler.PooledConnectionLifetime);
        Assert.True(handler.UseProxy);
        Assert.Null(handler.Proxy);
        Assert.Null(handler.SslOptions.CertificateChainPolicy);
        Assert.Null(handler.SslOptions.RemoteCertificateValidationCallback);
        Assert.Null(handler.SslOptions.ClientCertificateContext);
    }

    private static async Task<string> GetAsync(LoopbackServer server, OpenStackClientOptions options)
    {
        using var http = new HttpClient(TransportFactory.Create(options)) { Timeout = TimeSpan.FromSeconds(20) };
        return await http.GetStringAsync(new Uri(server.BaseAddress, "v3"));
    }
}

using System;
using System.Threading.Tasks;
using OpenStack.Http;
using Xunit;

namespace OpenStack.Tests.Transport;

/// <summary>Certificate files that cannot be used are configuration errors naming the option and the path, raised before anything is sent.</summary>
public sealed class TransportConfigurationTests : IClassFixture<TestPki>
{
    private readonly TestPki _pki;

    public TransportConfigurationTests(TestPki pki)
    {
        _pki = pki;
    }

    [Fact]
    public async Task A_missing_CA_file_fails_the_connect_naming_CaCertificateFile_and_the_path()
    {
        string missing = _pki.PathFor("no-such-ca.pem");
        await using LoopbackServer server = LoopbackServer.Http(KeystoneWire.Respond);
        OpenStackClientOptions options = KeystoneWire.Options(server.BaseAddress);
        options.CaCertificateFile = missing;

        var error = await Assert.ThrowsAsync<OpenStackConfigurationException>(() => OpenStackConnection.ConnectAsync(options));

        Assert.Contains("CaCertificateFile", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void A_CA_path_that_is_a_directory_is_reported_as_unreadable()
    {
        string directory = _pki.PathFor("");

        var error = Assert.Throws<OpenStackConfigurationException>(
            () => TransportFactory.Create(new OpenStackClientOptions { CaCertificateFile = directory }));

        Assert.Contains("CaCertificateFile '" + directory + "'", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_CA_file_without_certificates_is_rejected()
    {
        var error = Assert.Throws<OpenStackConfigurationException>(
            () => TransportFactory.Create(new OpenStackClientOptions { CaCertificateFile = _pki.EmptyPem }));

        Assert.Contains("CaCertificateFile '" + _pki.EmptyPem + "'", error.Message, StringComparison.Ordinal);
        Assert.Contains("no PEM certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_client_certificate_file_is_named()
    {
        string missing = _pki.PathFor("no-such-client.pem");

        var error = Assert.Throws<OpenStackConfigurationException>(
            () => TransportFactory.Create(new OpenStackClientOptions { ClientCertificateFile = missing }));

        Assert.Contains("ClientCertificateFile '" + missing + "'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_client_key_file_is_named()
    {
        string missing = _pki.PathFor("no-such-key.pem");

        var error = Assert.Throws<OpenStackConfigurationException>(
            () => TransportFactory.Create(new OpenStackClientOptions { ClientCertificateFile = _pki.ClientCertificatePem, ClientKeyFile = missing }));

        Assert.Contains("ClientKeyFile '" + missing + "'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_certificate_without_its_key_is_rejected_naming_the_file()
    {
        var error = Assert.Throws<OpenStackConfigurationException>(
            () => TransportFactory.Create(new OpenStackClientOptions { ClientCertificateFile = _pki.ClientCertificatePem }));

        Assert.Contains("ClientCertificateFile '" + _pki.ClientCertificatePem + "'", error.Message, StringComparison.Ordinal);
        Assert.Contains("private key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY-----", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_key_without_a_certificate_is_a_configuration_error()
    {
        var error = Assert.Throws<OpenStackConfigurationException>(
            () => TransportFactory.Create(new OpenStackClientOptions { ClientKeyFile = _pki.ClientKeyPem }));

        Assert.Contains("ClientKeyFile", error.Message, StringComparison.Ordinal);
        Assert.Contains("without ClientCertificateFile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_paths_count_as_unset_as_an_empty_clouds_yaml_value_does()
    {
        using var transport = Assert.IsAssignableFrom<System.Net.Http.DelegatingHandler>(TransportFactory.Create(
            new OpenStackClientOptions { CaCertificateFile = "", ClientCertificateFile = " ", ClientKeyFile = "" }));
        var handler = Assert.IsType<System.Net.Http.SocketsHttpHandler>(transport.InnerHandler);

        Assert.Null(handler.SslOptions.CertificateChainPolicy);
        Assert.Null(handler.SslOptions.ClientCertificateContext);
    }
}

using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpenStack.Tests.Transport;

/// <summary>
/// A throw-away PKI made for one test class: a root CA, an intermediate, an unrelated CA, server
/// certificates for 127.0.0.1/localhost and for a wrong name, and client certificates, with the
/// PEM files the options point at written to a private temporary directory.
/// </summary>
public sealed class TestPki : IDisposable
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("openstack-tls-tests-");

    public TestPki()
    {
        Root = CreateCa("CN=OpenStack .NET Tests Root CA", issuer: null);
        Intermediate = CreateCa("CN=OpenStack .NET Tests Intermediate CA", Root);
        OtherRoot = CreateCa("CN=Unrelated Root CA", issuer: null);
        Server = CreateLeaf("CN=localhost", Root, ServerAuth, dnsName: "localhost", ip: IPAddress.Loopback);
        WrongNameServer = CreateLeaf("CN=wrong.example", Root, ServerAuth, dnsName: "wrong.example", ip: null);
        Client = CreateLeaf("CN=openstack-dotnet test client", Root, ClientAuth, dnsName: null, ip: null);
        ChainedClient = CreateLeaf("CN=openstack-dotnet chained client", Intermediate, ClientAuth, dnsName: null, ip: null);

        RootPem = Write("ca.pem", Root.ExportCertificatePem());
        OtherRootPem = Write("other-ca.pem", OtherRoot.ExportCertificatePem());
        BundlePem = Write("bundle.pem", OtherRoot.ExportCertificatePem() + "\n" + Root.ExportCertificatePem());
        EmptyPem = Write("empty.pem", "# a bundle with no certificate in it\n");
        ClientCombinedPem = Write("client.pem", Client.ExportCertificatePem() + "\n" + PrivateKeyPem(Client));
        ClientCertificatePem = Write("client-cert.pem", Client.ExportCertificatePem());
        ClientKeyPem = Write("client-key.pem", PrivateKeyPem(Client));
        ChainedClientPem = Write(
            "chained-client.pem",
            ChainedClient.ExportCertificatePem() + "\n" + Intermediate.ExportCertificatePem() + "\n" + PrivateKeyPem(ChainedClient));
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Intermediate { get; }

    public X509Certificate2 OtherRoot { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 WrongNameServer { get; }

    public X509Certificate2 Client { get; }

    public X509Certificate2 ChainedClient { get; }

    public string RootPem { get; }

    public string OtherRootPem { get; }

    /// <summary>The unrelated CA first, then the root: only the second certificate makes the server trusted.</summary>
    public string BundlePem { get; }

    public string EmptyPem { get; }

    public string ClientCombinedPem { get; }

    public string ClientCertificatePem { get; }

    public string ClientKeyPem { get; }

    /// <summary>The chained client's certificate, then its intermediate, then its key.</summary>
    public string ChainedClientPem { get; }

    public string PathFor(string name) => Path.Combine(_directory.FullName, name);

    public void Dispose()
    {
        foreach (X509Certificate2 certificate in new[] { Root, Intermediate, OtherRoot, Server, WrongNameServer, Client, ChainedClient })
        {
            certificate.Dispose();
        }

        _directory.Delete(recursive: true);
    }

    private static X509Certificate2 CreateCa(string subject, X509Certificate2? issuer)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (issuer is null)
        {
            return request.CreateSelfSigned(NotBefore, CaNotAfter);
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using X509Certificate2 issued = request.Create(issuer, NotBefore, CaNotAfter, Serial());
        return issued.CopyWithPrivateKey(key);
    }

    private static X509Certificate2 CreateLeaf(string subject, X509Certificate2 issuer, string usage, string? dnsName, IPAddress? ip)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(usage) }, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        if (dnsName is not null || ip is not null)
        {
            var names = new SubjectAlternativeNameBuilder();
            if (dnsName is not null)
            {
                names.AddDnsName(dnsName);
            }

            if (ip is not null)
            {
                names.AddIpAddress(ip);
            }

            request.CertificateExtensions.Add(names.Build(true));
        }

        using X509Certificate2 issued = request.Create(issuer, NotBefore, NotAfter, Serial());
        return issued.CopyWithPrivateKey(key);
    }

    private static string PrivateKeyPem(X509Certificate2 certificate)
    {
        using ECDsa key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("no private key");
        return key.ExportPkcs8PrivateKeyPem();
    }

    private string Write(string name, string content)
    {
        string path = PathFor(name);
        File.WriteAllText(path, content);
        return path;
    }

    // An hour of slack keeps a skewed clock from failing the handshake; fixed once, because an issued
    // certificate may not outlive its issuer.
    private static readonly DateTimeOffset NotBefore = DateTimeOffset.UtcNow.AddHours(-1);

    private static readonly DateTimeOffset CaNotAfter = NotBefore.AddDays(3);

    private static readonly DateTimeOffset NotAfter = NotBefore.AddDays(2);

    private static byte[] Serial() => RandomNumberGenerator.GetBytes(16);
}

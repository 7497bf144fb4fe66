using System;
using System.IO;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpenStack.Http;

/// <summary>
/// Turns the options' TLS settings (clouds.yaml <c>verify</c>, <c>cacert</c>, <c>cert</c>, <c>key</c>)
/// into client SSL options that behave like openstacksdk's requests session.
/// </summary>
internal static class TlsSettings
{
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>Reads every file the options name and builds the SSL options from them.</summary>
    /// <exception cref="OpenStackConfigurationException">A file is missing, unreadable, or holds no usable certificate.</exception>
    public static SslClientAuthenticationOptions ToSslOptions(OpenStackClientOptions options)
    {
        var ssl = new SslClientAuthenticationOptions();
        if (!options.VerifyTls)
        {
            // requests ignores the CA bundle when verify is off, so a stale cacert path does not break an insecure cloud.
            ssl.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else if (!IsUnset(options.CaCertificateFile))
        {
            ssl.CertificateChainPolicy = CustomRootPolicy(LoadCaBundle(options.CaCertificateFile!));
        }

        // A context rather than ClientCertificates: SslStream then always sends the certificate, as
        // requests does, instead of only when its issuer is in the server's list of acceptable CAs,
        // and it sends the intermediates that follow the certificate in its file.
        ssl.ClientCertificateContext = LoadClientCertificate(options.ClientCertificateFile, options.ClientKeyFile);

        return ssl;
    }

    /// <summary>
    /// Trusts exactly the bundle's certificates, as requests does with <c>verify=&lt;path&gt;</c>: the
    /// bundle replaces the system store rather than adding to it, so a private cloud's CA cannot be
    /// widened into trusting every public CA, and a public cloud needs its CA in the bundle too.
    /// </summary>
    private static X509ChainPolicy CustomRootPolicy(X509Certificate2Collection bundle)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,

            // The policy's own default is an online revocation check, which a private CA without a CRL
            // endpoint always fails; SslStream's default policy and requests do not check revocation either.
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(bundle);
        policy.ApplicationPolicy.Add(new Oid(ServerAuthenticationOid));
        return policy;
    }

    private static X509Certificate2Collection LoadCaBundle(string path)
    {
        const string Option = "CaCertificateFile";
        string pem = ReadFile(Option, path);
        var bundle = new X509Certificate2Collection();
        try
        {
            bundle.ImportFromPem(pem);
        }
        catch (CryptographicException ex)
        {
            throw new OpenStackConfigurationException($"{Describe(Option, path)} holds a malformed PEM certificate: {ex.Message}", ex);
        }

        if (bundle.Count == 0)
        {
            throw new OpenStackConfigurationException($"{Describe(Option, path)} holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
        }

        return bundle;
    }

    private static SslStreamCertificateContext? LoadClientCertificate(string? certificatePath, string? keyPath)
    {
        if (IsUnset(certificatePath))
        {
            if (!IsUnset(keyPath))
            {
                throw new OpenStackConfigurationException(
                    $"{Describe("ClientKeyFile", keyPath!)} is set without ClientCertificateFile (OS_CERT, clouds.yaml cert).");
            }

            return null;
        }

        string certificatePem = ReadFile("ClientCertificateFile", certificatePath!);
        string keyPem = IsUnset(keyPath) ? certificatePem : ReadFile("ClientKeyFile", keyPath!);
        X509Certificate2 certificate;
        var chain = new X509Certificate2Collection();
        try
        {
            certificate = X509Certificate2.CreateFromPem(certificatePem, keyPem);
            chain.ImportFromPem(certificatePem);
        }
        catch (CryptographicException ex)
        {
            string where = IsUnset(keyPath)
                ? Describe("ClientCertificateFile", certificatePath!)
                : Describe("ClientCertificateFile", certificatePath!) + " with " + Describe("ClientKeyFile", keyPath!);
            throw new OpenStackConfigurationException(
                $"{where} does not hold a PEM certificate and its unencrypted PEM private key: {ex.Message}", ex);
        }

        // The first certificate of the file is the client's own; any after it are its intermediates.
        X509Certificate2 leafCopy = chain[0];
        chain.RemoveAt(0);
        leafCopy.Dispose();
        return SslStreamCertificateContext.Create(UsableBySslStream(certificate), chain, offline: true);
    }

    // SChannel (Windows) and the macOS keychain cannot use the ephemeral key CreateFromPem attaches;
    // a PKCS#12 round trip gives them a key they can (dotnet/runtime#23749). OpenSSL uses it as is.
    private static X509Certificate2 UsableBySslStream(X509Certificate2 certificate)
    {
        if (!OperatingSystem.IsWindows() && !OperatingSystem.IsMacOS())
        {
            return certificate;
        }

        using (certificate)
        {
            byte[] pkcs12 = certificate.Export(X509ContentType.Pkcs12);
            try
            {
#if NET9_0_OR_GREATER
                return X509CertificateLoader.LoadPkcs12(pkcs12, password: null);
#else
                return new X509Certificate2(pkcs12);
#endif
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pkcs12);
            }
        }
    }

    private static string ReadFile(string option, string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new OpenStackConfigurationException($"{Describe(option, path)} cannot be read: {ex.Message}", ex);
        }
    }

    private static string Describe(string option, string path) => option switch
    {
        "CaCertificateFile" => $"CaCertificateFile '{path}' (OS_CACERT, clouds.yaml cacert)",
        "ClientCertificateFile" => $"ClientCertificateFile '{path}' (OS_CERT, clouds.yaml cert)",
        "ClientKeyFile" => $"ClientKeyFile '{path}' (OS_KEY, clouds.yaml key)",
        _ => $"{option} '{path}'",
    };

    // clouds.yaml writes an empty value for "not set" as often as it omits the key.
    private static bool IsUnset(string? path) => string.IsNullOrWhiteSpace(path);
}

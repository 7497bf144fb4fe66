using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpenStack.ObjectStore.V1;

/// <summary>
/// Signs Swift temporary URLs (the tempurl middleware): anyone holding the URL may use the one method on
/// the one object until it expires, with no token.
/// </summary>
/// <remarks>
/// The signature is an HMAC, keyed with a temp-URL key set on the account or container, of
/// "METHOD\nEXPIRES\nPATH" where PATH is the unescaped "/v1/AUTH_account/container/object". The key is
/// only used here and never kept; the SDK's logs redact temp_url_sig.
/// </remarks>
public static class SwiftTempUrl
{
    /// <summary>Creates a temp URL for an object URL.</summary>
    /// <param name="objectUri">The object's absolute URL, e.g. https://swift/v1/AUTH_p/c/o.</param>
    /// <param name="method">The one method it allows (GET, HEAD, PUT, POST or DELETE; GET also allows HEAD).</param>
    /// <param name="expires">When it stops working.</param>
    /// <param name="key">The account or container temp-URL key.</param>
    /// <param name="digest">The HMAC digest; Swift's /info lists what the cluster accepts.</param>
    public static Uri Create(Uri objectUri, string method, DateTimeOffset expires, string key, TempUrlDigest digest = TempUrlDigest.Sha256)
    {
        ArgumentNullException.ThrowIfNull(objectUri);
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!objectUri.IsAbsoluteUri) throw new ArgumentException("The object URL must be absolute.", nameof(objectUri));
        var escapedPath = objectUri.AbsolutePath;
        var expiresText = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Sign(method.ToUpperInvariant(), expiresText, Uri.UnescapeDataString(escapedPath), key, digest);
        var text = objectUri.GetLeftPart(UriPartial.Authority) + escapedPath
            + "?temp_url_sig=" + Uri.EscapeDataString(signature) + "&temp_url_expires=" + expiresText;
        return new Uri(text, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
    }

    /// <summary>The temp_url_sig value for a method, expiry (Unix seconds) and unescaped path.</summary>
    public static string Sign(string method, string expires, string path, string key, TempUrlDigest digest = TempUrlDigest.Sha256)
    {
        var body = Encoding.UTF8.GetBytes(method + "\n" + expires + "\n" + path);
        var keyBytes = Encoding.UTF8.GetBytes(key);
        try
        {
            return digest switch
            {
                TempUrlDigest.Sha256 => Convert.ToHexString(HMACSHA256.HashData(keyBytes, body)).ToLowerInvariant(),
                TempUrlDigest.Sha1 => Convert.ToHexString(HMACSHA1.HashData(keyBytes, body)).ToLowerInvariant(),
                TempUrlDigest.Sha512 => "sha512:" + Convert.ToBase64String(HMACSHA512.HashData(keyBytes, body)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
                _ => throw new ArgumentOutOfRangeException(nameof(digest)),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyBytes);
        }
    }
}

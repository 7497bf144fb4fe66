using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using OpenStack.Http;

namespace OpenStack.Diagnostics;

/// <summary>
/// Removes secrets from what the SDK logs and traces: token and key headers, credentials and
/// signatures in URLs, and passwords, secrets and tokens in JSON bodies. The value is replaced by
/// <c>***</c>; names stay, so a log still shows what was sent.
/// </summary>
internal static partial class SecretRedaction
{
    public const string Mask = "***";

    // Headers whose value is a credential: Keystone and Swift tokens, Swift's temp-URL keys and v1 auth
    // key, HTTP authentication, cookies. Any header whose name mentions a token, secret, password or
    // temp-URL key is treated the same way, so a service's own variant is covered too.
    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "X-Auth-Token", "X-Subject-Token", "X-Service-Token", "X-Storage-Token", "X-Auth-Key",
        "X-Account-Meta-Temp-URL-Key", "X-Account-Meta-Temp-URL-Key-2",
        "X-Container-Meta-Temp-URL-Key", "X-Container-Meta-Temp-URL-Key-2",
        "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie",
    };

    // Query parameters that carry credentials: Swift temp URLs (temp_url_sig), S3-style presigned
    // URLs, and tokens or passwords some endpoints accept in the query.
    private static readonly HashSet<string> SecretQueryParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "temp_url_sig", "sig", "signature", "x-amz-signature", "x-amz-credential", "x-amz-security-token",
        "token", "auth_token", "access_token", "password", "secret", "passcode", "key",
    };

    public static bool IsSecretHeader(string name) =>
        SecretHeaders.Contains(name)
        || name.Contains("token", StringComparison.OrdinalIgnoreCase)
        || name.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || name.Contains("password", StringComparison.OrdinalIgnoreCase)
        || name.Contains("temp-url-key", StringComparison.OrdinalIgnoreCase);

    private static bool IsSecretQueryParameter(string name) =>
        SecretQueryParameters.Contains(name)
        || name.Contains("token", StringComparison.OrdinalIgnoreCase)
        || name.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || name.Contains("password", StringComparison.OrdinalIgnoreCase)
        || name.Contains("signature", StringComparison.OrdinalIgnoreCase);

    /// <summary>The URL with its user-info and the values of secret query parameters replaced by <c>***</c>.</summary>
    public static string Uri(Uri? uri)
    {
        if (uri is null)
        {
            return string.Empty;
        }

        if (!uri.IsAbsoluteUri)
        {
            return Query(uri.OriginalString);
        }

        string text = uri.UserInfo.Length > 0 ? OpenStackClientOptions.WithoutUserInfo(uri) : uri.AbsoluteUri;
        return uri.Query.Length > 1 ? Query(text) : text;
    }

    // Rewrites "name=value" pairs after the first '?' (up to a '#').
    private static string Query(string text)
    {
        int question = text.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return text;
        }

        int hash = text.IndexOf('#', question);
        string query = hash < 0 ? text[(question + 1)..] : text[(question + 1)..hash];
        var result = new StringBuilder(text.Length).Append(text, 0, question + 1);
        bool first = true;
        foreach (string pair in query.Split('&'))
        {
            if (!first)
            {
                result.Append('&');
            }

            first = false;
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? pair : pair[..equals];
            if (equals >= 0 && IsSecretQueryParameter(System.Uri.UnescapeDataString(name)))
            {
                result.Append(name).Append('=').Append(Mask);
            }
            else
            {
                result.Append(pair);
            }
        }

        if (hash >= 0)
        {
            result.Append(text, hash, text.Length - hash);
        }

        return result.ToString();
    }

    /// <summary>The headers as <c>Name: value</c> lines, secret values masked.</summary>
    public static string Headers(HttpHeaders headers, HttpHeaders? contentHeaders)
    {
        var text = new StringBuilder();
        Append(headers);
        if (contentHeaders is not null)
        {
            Append(contentHeaders);
        }

        return text.ToString();

        void Append(HttpHeaders set)
        {
            foreach (KeyValuePair<string, IEnumerable<string>> header in set)
            {
                text.Append(text.Length == 0 ? string.Empty : "; ").Append(header.Key).Append(": ")
                    .Append(IsSecretHeader(header.Key) ? Mask : string.Join(", ", header.Value));
            }
        }
    }

    /// <summary>
    /// A body with the values of secret JSON members masked (<c>"password": "***"</c>), and with any
    /// token the request carried masked wherever the body quotes it.
    /// </summary>
    public static string Body(string body, HttpRequestMessage? request)
    {
        string masked = SecretMember().Replace(body, static m => m.Groups["name"].Value + "\"" + Mask + "\"");
        return ErrorResponse.RedactRequestTokens(masked, request) ?? masked;
    }

    // "password": "...", "secret": "...", "adminPass": "..." and their variants, at any depth. A value
    // that is not a string (an object such as Keystone's "password": {"user": ...}) is descended into
    // by the same pattern at its own members.
    [GeneratedRegex(
        @"(?<name>""[A-Za-z0-9_\-]*(password|secret|passcode|token|adminPass|temp_url_key)[A-Za-z0-9_\-]*""\s*:\s*)""(?:[^""\\]|\\.)*""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretMember();
}

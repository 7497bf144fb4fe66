using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.ObjectStore.V1;

// Handwritten: Swift keeps account, container and object data in headers, so its calls are plain
// HttpClient requests over the service's pipeline (auth, retries, errors → OpenStackException).
internal static class SwiftHttp
{
    public const string AccountMeta = "X-Account-Meta-";
    public const string ContainerMeta = "X-Container-Meta-";
    public const string ObjectMeta = "X-Object-Meta-";

    /// <summary>"a b/c.txt" → "a%20b/c.txt": each segment escaped, the '/' that Swift allows in names kept.</summary>
    public static string EscapePath(string name)
        => string.Join("/", name.Split('/').Select(Uri.EscapeDataString));

    public static string ContainerPath(string container)
    {
        ArgumentException.ThrowIfNullOrEmpty(container);
        if (container.Contains('/', StringComparison.Ordinal))
            throw new ArgumentException("A container name cannot contain '/'.", nameof(container));
        return Uri.EscapeDataString(container);
    }

    public static string ObjectPath(string container, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return ContainerPath(container) + "/" + EscapePath(name);
    }

    /// <summary>
    /// The absolute URI of a path under the account. Canonicalization is off: an object may be named
    /// "a/../b" and must not be turned into "b".
    /// </summary>
    public static Uri Resolve(HttpClient http, string relative, string? query = null)
    {
        var baseText = http.BaseAddress!.AbsoluteUri;
        if (!baseText.EndsWith('/')) baseText += "/";
        return new Uri(baseText + relative + (query is null ? "" : "?" + query),
            new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request,
        CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        // The pipeline's error handler turns any status >= 400 into an OpenStackException.
        return await http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a request that has no interesting body and returns its headers.</summary>
    public static async Task<SwiftResponseHeaders> SendForHeadersAsync(HttpClient http, HttpMethod method, Uri uri,
        Action<HttpRequestMessage>? configure, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        configure?.Invoke(request);
        if (request.Content is null && (method == HttpMethod.Put || method == HttpMethod.Post))
            request.Content = new ByteArrayContent(Array.Empty<byte>());
        using var response = await SendAsync(http, request, cancellationToken).ConfigureAwait(false);
        return new SwiftResponseHeaders(response);
    }

    public static void SetMetadata(HttpRequestMessage request, string prefix, IDictionary<string, string>? set, IEnumerable<string>? remove)
    {
        if (set is not null)
        {
            foreach (var (key, value) in set)
            {
                ArgumentException.ThrowIfNullOrEmpty(key);
                // Swift deletes a metadata item sent with an empty value; X-Remove-* says so explicitly.
                if (string.IsNullOrEmpty(value)) request.Headers.TryAddWithoutValidation("X-Remove-" + prefix[2..] + key, "x");
                else request.Headers.TryAddWithoutValidation(prefix + key, value);
            }
        }
        if (remove is not null)
        {
            foreach (var key in remove)
            {
                ArgumentException.ThrowIfNullOrEmpty(key);
                request.Headers.TryAddWithoutValidation("X-Remove-" + prefix[2..] + key, "x");
            }
        }
    }

    /// <summary>Sets a header, or asks Swift to remove it when the value is empty; null leaves it alone.</summary>
    public static void SetOrRemove(HttpRequestMessage request, string header, string? value)
    {
        if (value is null) return;
        if (value.Length == 0) request.Headers.TryAddWithoutValidation("X-Remove-" + header[2..], "x");
        else request.Headers.TryAddWithoutValidation(header, value);
    }
}

/// <summary>
/// The headers of a Swift response, read without .NET's validation (Swift sends an unquoted ETag,
/// which the typed header accessors reject).
/// </summary>
internal sealed class SwiftResponseHeaders
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    public SwiftResponseHeaders(HttpResponseMessage response)
    {
        Status = (int)response.StatusCode;
        foreach (var header in response.Headers.NonValidated) _headers[header.Key] = string.Join(", ", header.Value);
        foreach (var header in response.Content.Headers.NonValidated) _headers[header.Key] = string.Join(", ", header.Value);
    }

    public int Status { get; }

    public string? this[string name] => _headers.TryGetValue(name, out var v) ? v : null;

    public string? RequestId => this["X-Openstack-Request-Id"] ?? this["X-Trans-Id"];

    public long? Long(string name)
        => long.TryParse(this[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    public string? ETag => this["ETag"]?.Trim('"');

    /// <summary>X-Timestamp and X-Delete-At are Unix seconds (with a fraction for X-Timestamp).</summary>
    public DateTimeOffset? UnixTime(string name)
        => decimal.TryParse(this[name], NumberStyles.Number, CultureInfo.InvariantCulture, out var s)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(s * 1000m)) : null;

    public DateTimeOffset? HttpDate(string name)
        => DateTimeOffset.TryParse(this[name], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;

    /// <summary>The metadata items under a prefix, keyed by the rest of the header name; temp-URL keys are left out.</summary>
    public IReadOnlyDictionary<string, string> Metadata(string prefix)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in _headers)
        {
            if (!name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
            var key = name[prefix.Length..];
            if (key.StartsWith("Temp-URL-Key", StringComparison.OrdinalIgnoreCase)) continue;
            result[key] = value;
        }
        return result;
    }

    public bool Has(string name) => _headers.ContainsKey(name);
}

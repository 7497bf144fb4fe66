using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;

namespace OpenStack.Tests.Core.Fakes;

/// <summary>A request as the fake transport saw it, captured before the pipeline could dispose anything.</summary>
public sealed class RecordedRequest
{
    public RecordedRequest(HttpMethod method, Uri uri, IReadOnlyDictionary<string, string> headers, string? body, string? contentType, long? contentLength = null)
    {
        ContentLength = contentLength;
        Method = method;
        Uri = uri;
        Headers = headers;
        Body = body;
        ContentType = contentType;
    }

    public HttpMethod Method { get; }

    public Uri Uri { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public string? Body { get; }

    public string? ContentType { get; }

    /// <summary>The Content-Length the request would carry on the wire; null means it would go chunked.</summary>
    public long? ContentLength { get; }

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public bool IsTokenRequest => Method == HttpMethod.Post && Uri.AbsolutePath.EndsWith("/auth/tokens", StringComparison.Ordinal);
}

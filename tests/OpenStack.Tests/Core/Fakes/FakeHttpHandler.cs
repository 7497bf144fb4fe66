using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Tests.Core.Fakes;

/// <summary>
/// An in-process transport: records every request and answers with whatever the test's
/// responder returns. Counts disposals so tests can check who owns it.
/// </summary>
public sealed class FakeHttpHandler : HttpMessageHandler
{
    private readonly Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> _responder;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public FakeHttpHandler(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> responder)
    {
        _responder = responder;
    }

    public FakeHttpHandler(Func<RecordedRequest, HttpResponseMessage> responder)
        : this((request, _) => Task.FromResult(responder(request)))
    {
    }

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public int DisposeCount { get; private set; }

    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        foreach ((string name, string value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public static HttpResponseMessage Text(HttpStatusCode status, string text, string mediaType, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent(text, Encoding.UTF8, mediaType),
        };
        foreach ((string name, string value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, IEnumerable<string>> header in request.Headers)
        {
            // On the wire User-Agent product tokens are separated by spaces, other list headers by commas.
            string separator = string.Equals(header.Key, "User-Agent", StringComparison.OrdinalIgnoreCase) ? " " : ", ";
            headers[header.Key] = string.Join(separator, header.Value);
        }

        string? body = null;
        string? contentType = null;
        long? contentLength = null;
        if (request.Content is not null)
        {
            contentLength = request.Content.Headers.ContentLength;
            body = await request.Content.ReadAsStringAsync(cancellationToken);
            contentType = request.Content.Headers.ContentType?.MediaType;
        }

        var recorded = new RecordedRequest(request.Method, request.RequestUri!, headers, body, contentType, contentLength);
        _requests.Enqueue(recorded);
        HttpResponseMessage response = await _responder(recorded, cancellationToken);
        response.RequestMessage ??= request;
        return response;
    }

    protected override void Dispose(bool disposing)
    {
        DisposeCount++;
        base.Dispose(disposing);
    }

    public int CountTokenRequests() => Requests.Count(r => r.IsTokenRequest);
}

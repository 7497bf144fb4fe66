using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using OpenStack.Http;
using Xunit;

namespace OpenStack.Tests.Core;

public class StreamResponseTests
{
    private sealed class TrackingStream : MemoryStream
    {
        public TrackingStream(byte[] data)
            : base(data)
        {
        }

        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    private static HttpResponseMessage Response(Stream body)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) };
        response.Content.Headers.ContentLength = 3;
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/octet-stream");
        response.Headers.TryAddWithoutValidation("X-Openstack-Request-Id", "req-dl");
        response.Headers.TryAddWithoutValidation("X-Object-Meta-Color", "blue");
        response.Content.Headers.TryAddWithoutValidation("Content-MD5", "abc");
        return response;
    }

    [Fact]
    public async Task Exposes_headers_and_streams_the_body()
    {
        var body = new TrackingStream([1, 2, 3]);
        using HttpResponseMessage message = Response(body);
        await using var response = new StreamResponse(message);

        Assert.Equal(3, response.ContentLength);
        Assert.Equal("application/octet-stream", response.ContentType);
        Assert.Equal("req-dl", response.RequestId);
        Assert.Equal("blue", response.GetHeader("x-object-meta-color"));
        Assert.Equal("abc", response.GetHeader("Content-MD5"));
        Assert.Null(response.GetHeader("X-Missing"));
        Assert.Equal(200, response.Status);

        var buffer = new byte[3];
        await response.Content.ReadExactlyAsync(buffer);
        Assert.Equal(new byte[] { 1, 2, 3 }, buffer);
    }

    [Fact]
    public void Disposing_disposes_the_stream_and_the_response()
    {
        var body = new TrackingStream([1, 2, 3]);
        HttpResponseMessage message = Response(body);
        var content = new TrackingStream([9]);
        var response = new StreamResponse(message, content);

        response.Dispose();

        Assert.True(content.Disposed);
        Assert.True(body.Disposed);
        Assert.Throws<ObjectDisposedException>(() => response.Content);
    }
}

using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Http;

/// <summary>
/// Lets several handler chains end in the same transport. Disposing a chain disposes its
/// innermost handler; this wrapper absorbs that, so the connection alone decides whether the
/// transport is disposed (never when the user supplied it).
/// </summary>
internal sealed class TransportLease : HttpMessageHandler
{
    private readonly HttpMessageInvoker _transport;

    public TransportLease(HttpMessageHandler transport)
    {
        _transport = new HttpMessageInvoker(transport, disposeHandler: false);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _transport.SendAsync(request, cancellationToken);

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _transport.Send(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _transport.Dispose();
        }

        base.Dispose(disposing);
    }
}

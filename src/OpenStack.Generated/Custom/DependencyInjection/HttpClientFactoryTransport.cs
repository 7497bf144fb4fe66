using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.DependencyInjection;

/// <summary>
/// The transport of a connection made by dependency injection: each request goes through the handler
/// chain <see cref="IHttpMessageHandlerFactory"/> currently has for the cloud's named HttpClient (its
/// additional handlers, then the primary handler), so handler rotation and any handler the application
/// adds to that HttpClient apply. The factory owns those handlers; this never disposes them.
/// </summary>
internal sealed class HttpClientFactoryTransport : HttpMessageHandler
{
    private readonly IHttpMessageHandlerFactory _factory;
    private readonly string _name;
    private Entry? _current;

    public HttpClientFactoryTransport(IHttpMessageHandlerFactory factory, string name)
    {
        _factory = factory;
        _name = name;
    }

    public string Name => _name;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Invoker().SendAsync(request, cancellationToken);

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("OpenStack clients support only asynchronous requests.");

    // The factory hands out the same chain until its lifetime ends; the invoker is remade only then.
    private HttpMessageInvoker Invoker()
    {
        HttpMessageHandler handler = _factory.CreateHandler(_name);
        Entry? current = Volatile.Read(ref _current);
        if (current is not null && ReferenceEquals(current.Handler, handler))
        {
            return current.Invoker;
        }

        var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        Volatile.Write(ref _current, new Entry(handler, invoker));
        return invoker;
    }

    private sealed record Entry(HttpMessageHandler Handler, HttpMessageInvoker Invoker);
}

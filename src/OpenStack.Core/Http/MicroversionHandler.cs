using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OpenStack.Catalog;

namespace OpenStack.Http;

/// <summary>
/// Stamps every request of one service with its negotiated microversion, unless the request already
/// carries the header or the legacy one (a caller asking for a specific version of one call).
/// </summary>
public sealed class MicroversionHandler : DelegatingHandler
{
    private readonly MicroversionNegotiator _negotiator;

    // The header values of the last version stamped: a service keeps one version, so they are made once.
    private HeaderValues? _values;

    /// <summary>Creates the handler; set <see cref="DelegatingHandler.InnerHandler"/> or use it with HttpClient factory.</summary>
    public MicroversionHandler(MicroversionNegotiator negotiator, HttpMessageHandler? inner = null)
    {
        _negotiator = negotiator;
        if (inner is not null) InnerHandler = inner;
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var support = _negotiator.Support;
        // A caller that set either header chose the version of this call: adding the other one could contradict it.
        if (request.Headers.Contains(support.Header) || (support.LegacyHeader is not null && request.Headers.Contains(support.LegacyHeader)))
        {
            return base.SendAsync(request, cancellationToken);
        }

        // Once negotiated, the version is a completed task: no async state machine per request on that path.
        Task<Microversion?> negotiation = _negotiator.GetAsync(cancellationToken);
        if (negotiation.IsCompletedSuccessfully)
        {
            Stamp(request, support, negotiation.Result);
            return base.SendAsync(request, cancellationToken);
        }

        return SendNegotiatedAsync(request, support, negotiation, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendNegotiatedAsync(HttpRequestMessage request, ServiceMicroversions support, Task<Microversion?> negotiation, CancellationToken cancellationToken)
    {
        Stamp(request, support, await negotiation.ConfigureAwait(false));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private void Stamp(HttpRequestMessage request, ServiceMicroversions support, Microversion? version)
    {
        if (version is not { } v) return;
        var values = _values;
        if (values is null || values.Version != v)
        {
            var text = v.ToString();
            values = new HeaderValues(v, support.ServiceName + " " + text, text);
            _values = values;
        }

        request.Headers.TryAddWithoutValidation(support.Header, values.Header);
        if (support.LegacyHeader is not null) request.Headers.TryAddWithoutValidation(support.LegacyHeader, values.Legacy);
    }

    private sealed record HeaderValues(Microversion Version, string Header, string Legacy);
}

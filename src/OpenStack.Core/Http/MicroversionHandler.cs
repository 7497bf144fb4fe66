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

    /// <summary>Creates the handler; set <see cref="DelegatingHandler.InnerHandler"/> or use it with HttpClient factory.</summary>
    public MicroversionHandler(MicroversionNegotiator negotiator, HttpMessageHandler? inner = null)
    {
        _negotiator = negotiator;
        if (inner is not null) InnerHandler = inner;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var support = _negotiator.Support;
        // A caller that set either header chose the version of this call: adding the other one could contradict it.
        var chosen = request.Headers.Contains(support.Header)
            || (support.LegacyHeader is not null && request.Headers.Contains(support.LegacyHeader));
        if (!chosen && await _negotiator.GetAsync(cancellationToken).ConfigureAwait(false) is { } version)
        {
            var text = version.ToString();
            request.Headers.TryAddWithoutValidation(support.Header, support.ServiceName + " " + text);
            if (support.LegacyHeader is not null) request.Headers.TryAddWithoutValidation(support.LegacyHeader, text);
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}

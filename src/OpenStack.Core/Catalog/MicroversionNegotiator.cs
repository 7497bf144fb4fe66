using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Catalog;

/// <summary>
/// Decides the microversion one service is spoken to with: the one pinned by the user or cloud config
/// (<c>compute_api_version: 2.79</c>, <see cref="OpenStackClientOptions.DefaultMicroversions"/>), else the
/// highest that both the service (from its version document) and this SDK support. Asks the service
/// once, on first use; a failed discovery is retried on the next call rather than remembered.
/// </summary>
/// <remarks>Thread-safe; concurrent first calls share one discovery request.</remarks>
public sealed class MicroversionNegotiator
{
    private readonly HttpClient? _http;
    private readonly Uri? _endpoint;
    private readonly string _version;
    private readonly object _gate = new();
    private Task<Microversion?>? _negotiation;

    /// <summary>A negotiator that discovers the service's range through <paramref name="http"/>.</summary>
    /// <param name="http">An authenticated client of the connection (without a microversion handler).</param>
    /// <param name="endpoint">The service's versioned endpoint.</param>
    /// <param name="service">The service; its <see cref="ServiceDescriptor.Microversions"/> must be set.</param>
    /// <param name="pinned">A microversion to use as is, or null to negotiate.</param>
    /// <exception cref="ArgumentException">The service has no microversions, or <paramref name="pinned"/> is not like 2.79.</exception>
    public MicroversionNegotiator(HttpClient http, Uri endpoint, ServiceDescriptor service, string? pinned = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        Support = service.Microversions ?? throw new ArgumentException($"The {service.Type} service has no microversions.", nameof(service));
        _version = service.Version;
        if (pinned is not null)
        {
            if (!Microversion.TryParse(pinned, out var v))
                throw new ArgumentException($"'{pinned}' is not a microversion like 2.79 (for {service.Type}).", nameof(pinned));
            _negotiation = Task.FromResult<Microversion?>(v);
            Pinned = true;
            return;
        }
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
    }

    /// <summary>A negotiator that always answers <paramref name="version"/> (for tests and fixed deployments).</summary>
    public static MicroversionNegotiator Fixed(ServiceDescriptor service, Microversion version)
        => new(null!, null!, service, version.ToString());

    /// <summary>The header names and the SDK's newest microversion for this service.</summary>
    public ServiceMicroversions Support { get; }

    /// <summary>True when the version was given rather than negotiated.</summary>
    public bool Pinned { get; }

    /// <summary>
    /// The microversion to send, or null when the service offers none at this endpoint (then no header is sent
    /// and the service answers with its minimum).
    /// </summary>
    /// <exception cref="OpenStackException">The version document could not be fetched.</exception>
    /// <exception cref="NotSupportedException">The service's range and the SDK's do not meet.</exception>
    public Task<Microversion?> GetAsync(CancellationToken cancellationToken = default)
    {
        // Once negotiated, the answer never changes: every request of every worker gets it without the lock.
        if (Volatile.Read(ref _negotiation) is { IsCompletedSuccessfully: true } negotiated) return negotiated;
        lock (_gate)
        {
            if (_negotiation is { IsFaulted: false, IsCanceled: false } existing) return WaitAsync(existing, cancellationToken);
            // Not tied to the first caller's token: others may be waiting on the same task.
            _negotiation = NegotiateAsync();
            return WaitAsync(_negotiation, cancellationToken);
        }
    }

    private static Task<Microversion?> WaitAsync(Task<Microversion?> task, CancellationToken cancellationToken)
        => cancellationToken.CanBeCanceled ? task.WaitAsync(cancellationToken) : task;

    private async Task<Microversion?> NegotiateAsync()
    {
        var versions = await VersionDiscovery.DiscoverAsync(_http!, _endpoint!, CancellationToken.None).ConfigureAwait(false);
        ApiVersionInfo? match = null;
        foreach (var v in versions)
            if (string.Equals(v.Id, _version, StringComparison.OrdinalIgnoreCase) && v.MaxMicroversion is not null) match = v;
        // Nova lists v2.0 (no microversions) beside v2.1; prefer the entry that has them.
        if (match is null && Microversion.TryParse(_version, out var wanted))
            foreach (var v in versions)
                if (v.Major == wanted.Major && v.IsUsable && v.MaxMicroversion is not null) match = v;
        if (match is null || !Microversion.TryParse(match.MaxMicroversion, out var serverMax)) return null;
        var serverMin = Microversion.TryParse(match.MinMicroversion, out var min) ? min : new Microversion(serverMax.Major, 0);
        var chosen = Microversion.Negotiate(new Microversion(Support.Max.Major, 0), Support.Max, serverMin, serverMax);
        return chosen ?? throw new NotSupportedException(
            $"The {Support.ServiceName} service supports microversions {serverMin}–{serverMax}; this SDK supports up to {Support.Max}.");
    }

    /// <summary>
    /// Throws when a request would use something outside the negotiated version: a field or operation that
    /// needs <paramref name="minVersion"/> or ended at <paramref name="maxVersion"/>.
    /// </summary>
    /// <param name="what">What needs it, for the message, e.g. <c>ServerCreateOptions.Description</c>.</param>
    /// <param name="minVersion">First microversion that has it, or null.</param>
    /// <param name="maxVersion">Last microversion that has it, or null.</param>
    /// <param name="cancellationToken">Cancels a discovery still in flight.</param>
    /// <exception cref="NotSupportedException">The negotiated version does not have it.</exception>
    public async Task EnsureAsync(string what, string? minVersion, string? maxVersion, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(cancellationToken).ConfigureAwait(false) ?? new Microversion(Support.Max.Major, 0);
        if (minVersion is not null && current.CompareTo(Microversion.Parse(minVersion)) < 0)
            throw new NotSupportedException($"{what} needs {Support.ServiceName} microversion {minVersion} or later; this connection uses {current}.");
        if (maxVersion is not null && current.CompareTo(Microversion.Parse(maxVersion)) > 0)
            throw new NotSupportedException($"{what} was removed after {Support.ServiceName} microversion {maxVersion}; this connection uses {current}.");
    }
}

using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenStack.Auth;
using OpenStack.Catalog;
using OpenStack.Diagnostics;
using OpenStack.Http;

namespace OpenStack;

/// <summary>
/// An authenticated connection to one cloud: it keeps the token fresh, resolves service
/// endpoints from the catalog, and hands out <see cref="HttpClient"/> instances that share one
/// handler pipeline (error translation, then authentication, then the transport).
/// </summary>
/// <remarks>
/// Thread-safe. Create one per cloud and keep it for the lifetime of the application; clients
/// created by it stop working once it is disposed.
/// </remarks>
public sealed class OpenStackConnection : IDisposable
{
    private readonly IAuthMethod _authMethod;
    private readonly TimeProvider _time;
    private readonly HttpMessageHandler _transport;
    private readonly bool _ownsTransport;
    private readonly HttpMessageHandler _pipeline;
    private readonly HttpMessageHandler _authPipeline;
    private readonly HttpClient _authHttp;
    private readonly string _userAgent;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly object _gate = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _serviceTypes = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, MicroversionNegotiator> _microversions = new(StringComparer.Ordinal);

    // The last token, kept for Token even after a service rejected it.
    private AuthToken? _token;

    // The token to use and the completed task made once for it, null when there is none or it was rejected. The
    // common path (a cached, fresh token) hands the task out without allocating or taking _gate: every request of
    // every worker asks for the token, and the lock showed in profiles of concurrent GETs. Written under _gate only.
    private volatile CurrentToken? _current;
    private Task<AuthToken>? _refresh;
    private int _disposed;

    internal OpenStackConnection(OpenStackClientOptions options, IAuthMethod authMethod, TimeProvider time)
    {
        Options = options;
        _authMethod = authMethod;
        _time = time;
        _ownsTransport = options.Transport is null;
        _transport = options.Transport ?? TransportFactory.Create(options);
        _userAgent = UserAgent.For(options.ApplicationName);

        // Service requests: errors → retries → token → diagnostics → transport. Authentication requests
        // skip the token handler. Diagnostics sit below both, so each attempt is logged and traced.
        ILogger logger = options.LoggerFactory?.CreateLogger(OpenStackDiagnostics.HttpLoggerCategory) ?? NullLogger.Instance;
        OpenStackRetryOptions? retry = options.Retry is { IsActive: true } ? options.Retry.Clone() : null;
        var lease = new TransportLease(_transport);
        HttpMessageHandler service = new AuthHandler(this, new DiagnosticsHandler(lease, logger, options.LogHttpContent));
        HttpMessageHandler auth = new DiagnosticsHandler(lease, logger, options.LogHttpContent, "identity");
        if (retry is not null)
        {
            service = new RetryHandler(service, retry, logger, TimeProvider.System);
            auth = new RetryHandler(auth, retry, logger, TimeProvider.System, "identity");
        }

        _pipeline = new ErrorHandler(service);
        _authPipeline = new ErrorHandler(auth);
        _authHttp = new HttpClient(_authPipeline, disposeHandler: false) { Timeout = options.Timeout };
        _authHttp.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", _userAgent);
    }

    /// <summary>The options the connection was created with. Changing them afterwards has no effect on authentication.</summary>
    public OpenStackClientOptions Options { get; }

    /// <summary>The most recently issued token.</summary>
    public AuthToken Token
    {
        get
        {
            lock (_gate)
            {
                return _token ?? throw new InvalidOperationException("The connection has not authenticated yet.");
            }
        }
    }

    /// <summary>The service catalog of the current token.</summary>
    public ServiceCatalog Catalog => Token.Catalog;

    /// <summary>
    /// Validates the options, authenticates with the method they describe (see
    /// <see cref="AuthMethodFactory"/>), and returns the connected client.
    /// </summary>
    /// <param name="options">Where and as whom to connect.</param>
    /// <param name="cancellationToken">Cancels the authentication.</param>
    /// <returns>The connection, holding a valid token.</returns>
    /// <exception cref="OpenStackConfigurationException">The options are incomplete or contradictory.</exception>
    /// <exception cref="OpenStackException">Keystone rejected the request, for example with 401 for wrong credentials.</exception>
    public static Task<OpenStackConnection> ConnectAsync(OpenStackClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ConnectAsync(options, AuthMethodFactory.Create(options), TimeProvider.System, cancellationToken);
    }

    internal static async Task<OpenStackConnection> ConnectAsync(
        OpenStackClientOptions options,
        IAuthMethod authMethod,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var connection = new OpenStackConnection(options, authMethod, time);
        try
        {
            await connection.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Finds the service's endpoint in the catalog (by type, then aliases; in the configured
    /// region and interface) and adds the API version to it.
    /// </summary>
    /// <param name="service">The service and version.</param>
    /// <returns>The versioned base address, ending with '/'.</returns>
    /// <exception cref="OpenStackConfigurationException">The catalog has no matching endpoint; the message lists what it has.</exception>
    public Uri GetEndpoint(ServiceDescriptor service)
    {
        ArgumentNullException.ThrowIfNull(service);
        Uri endpoint = EndpointResolver.Resolve(Catalog, service, Options);

        // Remembered so that a client created over this address reports its requests under the service type.
        _serviceTypes[endpoint.AbsoluteUri] = service.Type;
        return endpoint;
    }

    /// <summary>
    /// The microversion negotiator of a service, one per service type for the connection's lifetime:
    /// pinned when <see cref="OpenStackClientOptions.DefaultMicroversions"/> names the type, else negotiated
    /// on first use. Null for services without microversions.
    /// </summary>
    /// <param name="service">The service and version.</param>
    /// <exception cref="OpenStackConfigurationException">The catalog has no endpoint for the service.</exception>
    public MicroversionNegotiator? GetMicroversions(ServiceDescriptor service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (service.Microversions is null) return null;
        return _microversions.GetOrAdd(service.Type, static (_, state) =>
        {
            var (self, svc) = state;
            string? pinned = null;
            // The same names the endpoint is looked up by (EndpointResolver): type, spec aliases, official aliases.
            foreach (var type in ServiceTypes.CandidateNames(svc.Type, svc.Aliases))
                if (self.Options.DefaultMicroversions.TryGetValue(type, out pinned)) break;
            var endpoint = self.GetEndpoint(svc);
            return new MicroversionNegotiator(self.CreateHttpClient(endpoint), endpoint, svc, pinned);
        }, (this, service));
    }

    /// <summary>
    /// Creates a client for one service that sends through the connection's shared pipeline,
    /// so it carries the token and throws <see cref="OpenStackException"/> on error responses.
    /// Disposing the client leaves the pipeline intact.
    /// </summary>
    /// <param name="baseAddress">The service's base address, usually from <see cref="GetEndpoint"/>.</param>
    /// <returns>A new client.</returns>
    public HttpClient CreateHttpClient(Uri baseAddress) => CreateHttpClient(baseAddress, null);

    /// <summary>
    /// Creates a client for one service, like <see cref="CreateHttpClient(Uri)"/>, that also sends the
    /// microversion <paramref name="microversions"/> settles on with every request.
    /// </summary>
    /// <param name="baseAddress">The service's base address, usually from <see cref="GetEndpoint"/>.</param>
    /// <param name="microversions">The service's negotiator (see <see cref="GetMicroversions"/>), or null for none.</param>
    /// <returns>A new client.</returns>
    public HttpClient CreateHttpClient(Uri baseAddress, MicroversionNegotiator? microversions)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        // The per-service handler wraps the shared pipeline; disposeHandler: false keeps that pipeline alive.
        HttpMessageHandler handler = microversions is null ? _pipeline : new MicroversionHandler(microversions, _pipeline);
        if (_serviceTypes.TryGetValue(baseAddress.AbsoluteUri, out string? serviceType))
        {
            handler = new ServiceTypeHandler(handler, serviceType);
        }

        var http = new HttpClient(handler, disposeHandler: false)
        {
            BaseAddress = baseAddress,
            Timeout = Options.Timeout,
        };
        // Unparsed, so that HttpClient copies a string into each request rather than cloning a parsed header value.
        http.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "application/json");
        http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", _userAgent);
        return http;
    }

    /// <summary>
    /// Returns the current token, authenticating first when there is none or it expires within
    /// <see cref="OpenStackClientOptions.TokenRefreshSkew"/>. Concurrent callers share a single
    /// token request. With a method that cannot renew its token (<see cref="IAuthMethod.CanRefresh"/>
    /// is <see langword="false"/>) the token is used until it has expired.
    /// </summary>
    /// <param name="cancellationToken">
    /// Stops this caller waiting. The token request itself continues for the other callers.
    /// </param>
    /// <returns>A token that is valid for at least the refresh skew, or as long as it can be.</returns>
    /// <exception cref="ReauthenticationRequiredException">
    /// The token has expired or was rejected and the method cannot get another without new credentials.
    /// </exception>
    public Task<AuthToken> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_current is { } current && IsFresh(current.Token))
        {
            return current.Task;
        }

        TaskCompletionSource<AuthToken>? owned = null;
        Task<AuthToken> pending;
        lock (_gate)
        {
            if (_current is { } held)
            {
                if (IsFresh(held.Token))
                {
                    return held.Task;
                }

                // Asking such a method early would burn a one-time passcode for nothing or return
                // the same expiry again, so the token that still works is kept to its end.
                if (!_authMethod.CanRefresh && _time.GetUtcNow() < held.Token.ExpiresAt)
                {
                    return held.Task;
                }
            }

            if (_refresh is null)
            {
                owned = new TaskCompletionSource<AuthToken>(TaskCreationOptions.RunContinuationsAsynchronously);
                _refresh = owned.Task;
            }

            pending = _refresh;
        }

        if (owned is not null)
        {
            _ = RefreshAsync(owned);
        }

        return pending.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Marks a token as rejected (a service answered 401), so the next request authenticates
    /// again. Has no effect when a newer token has replaced it already.
    /// </summary>
    /// <param name="token">The token that was rejected.</param>
    public void InvalidateToken(AuthToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (_gate)
        {
            if (ReferenceEquals(_current?.Token, token))
            {
                _current = null;
            }
        }
    }

    /// <summary>
    /// Releases the pipeline and, unless it was supplied through
    /// <see cref="OpenStackClientOptions.Transport"/>, the transport.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _lifetime.Cancel();
        _authHttp.Dispose();
        _pipeline.Dispose();
        _authPipeline.Dispose();
        if (_ownsTransport)
        {
            _transport.Dispose();
        }

        _lifetime.Dispose();
    }

    private bool IsFresh(AuthToken token)
    {
        TimeSpan skew = Options.TokenRefreshSkew;
        if (token.IssuedAt is DateTimeOffset issuedAt)
        {
            // With a skew larger than the token's lifetime every request would re-authenticate;
            // refreshing at half-life at the latest keeps short-lived tokens usable.
            TimeSpan halfLife = (token.ExpiresAt - issuedAt) / 2;
            if (halfLife > TimeSpan.Zero && halfLife < skew)
            {
                skew = halfLife;
            }
        }

        return _time.GetUtcNow() < token.ExpiresAt - skew;
    }

    // Runs detached from any single caller's cancellation token: other callers may be waiting on the same result.
    private async Task RefreshAsync(TaskCompletionSource<AuthToken> completion)
    {
        try
        {
            AuthToken token = await _authMethod.AuthenticateAsync(_authHttp, _lifetime.Token).ConfigureAwait(false);
            lock (_gate)
            {
                _token = token;
                _current = new CurrentToken(token, Task.FromResult(token));
                _refresh = null;
            }

            completion.SetResult(token);
        }
        catch (Exception ex)
        {
            lock (_gate)
            {
                _refresh = null;
            }

            completion.SetException(ex);
        }
    }

    private sealed record CurrentToken(AuthToken Token, Task<AuthToken> Task);
}

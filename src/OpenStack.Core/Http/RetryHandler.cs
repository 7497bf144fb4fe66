using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenStack.Diagnostics;
using Polly;
using Polly.Retry;

namespace OpenStack.Http;

/// <summary>
/// Sends a request again after 429 or 503 (honouring <c>Retry-After</c>) and, for idempotent
/// requests, after a connection failure; see <see cref="OpenStackRetryOptions"/>. A Polly retry
/// pipeline does the waiting and counting.
/// </summary>
/// <remarks>
/// Sits above authentication, so every attempt carries the connection's current token and the 401
/// re-authentication below it stays a single, separate re-send. The request message itself is sent
/// again: its content is only ever one that can be (checked before the first attempt).
/// </remarks>
internal sealed partial class RetryHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("OpenStack.Request");
    private static readonly ResiliencePropertyKey<bool> ReplayableKey = new("OpenStack.Replayable");

    private ResiliencePipeline<HttpResponseMessage>? _pipeline;
    private readonly OpenStackRetryOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string? _serviceType;

    public RetryHandler(HttpMessageHandler innerHandler, OpenStackRetryOptions options, ILogger logger, TimeProvider time, string? serviceType = null)
        : base(innerHandler)
    {
        _options = options;
        _logger = logger;
        _time = time;
        _serviceType = serviceType;
    }

    // Built on the first outcome worth retrying, not with the handler: Polly validates its options through
    // DataAnnotations reflection, about 0.5 ms of a Native AOT program's start (docs/performance.md), and most
    // programs never retry. The options were already checked by OpenStackRetryOptions.Validate.
    private ResiliencePipeline<HttpResponseMessage> Pipeline => LazyInitializer.EnsureInitialized(ref _pipeline, BuildPipeline);

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline()
    {
        var retry = new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = _options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = _options.BaseDelay,
            MaxDelay = _options.MaxDelay,
            ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context)),
            DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result is { } response ? RetryAfter(response) : null),
            OnRetry = OnRetry,
        };
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time }.AddRetry(retry).Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        bool replayable = await RequestCloner.CanReplayAsync(request.Content, cancellationToken).ConfigureAwait(false);

        // The first attempt goes straight through: most requests succeed, and running every one through the retry
        // pipeline cost about 0.4 µs per request (bench/OpenStack.Benchmarks, docs/performance.md). Only an outcome the pipeline would retry
        // enters it, as its attempt 0, so backoff, Retry-After, caps and OnRetry behave exactly as before.
        HttpResponseMessage? first = null;
        Exception? failure = null;
        try
        {
            first = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!replayable || !IsRetryStatus(first))
            {
                return first;
            }
        }
        catch (Exception ex) when (replayable && RetriesFailure(request, ex))
        {
            failure = ex;
        }

        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(RequestKey, request);
            context.Properties.Set(ReplayableKey, replayable);
            return await Pipeline.ExecuteAsync(
                static (ctx, state) => state.NextAsync(ctx.CancellationToken),
                context,
                new Attempts(this, request, first, failure)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Hands the pipeline the first attempt's outcome, then sends again for each retry.</summary>
    private sealed class Attempts(RetryHandler handler, HttpRequestMessage request, HttpResponseMessage? first, Exception? failure)
    {
        private bool _firstUsed;

        public ValueTask<HttpResponseMessage> NextAsync(CancellationToken cancellationToken)
        {
            if (_firstUsed)
            {
                return new ValueTask<HttpResponseMessage>(handler.SendOnceAsync(request, cancellationToken));
            }

            _firstUsed = true;
            if (failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            return new ValueTask<HttpResponseMessage>(first!);
        }
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("OpenStack clients support only asynchronous requests.");

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (!context.Properties.GetValue(ReplayableKey, false) || !context.Properties.TryGetValue(RequestKey, out HttpRequestMessage? request))
        {
            return false;
        }

        if (outcome.Result is { } response)
        {
            if (!IsRetryStatus(response))
            {
                return false;
            }

            // A wait longer than allowed is not shortened: the service would only refuse again.
            TimeSpan? after = RetryAfter(response);
            return after is null || after <= _options.MaxDelay;
        }

        return RetriesFailure(request, outcome.Exception);
    }

    private static bool IsRetryStatus(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;

    private bool RetriesFailure(HttpRequestMessage request, Exception? ex) =>
        _options.RetryConnectionFailures && IsIdempotent(request.Method) && IsConnectionFailure(ex);

    internal static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put
        || method == HttpMethod.Delete || method == HttpMethod.Options || method == HttpMethod.Trace;

    // The request never reached the service, or its answer was cut off: refused, reset, unresolvable,
    // or the connection closed before the response ended. TLS and proxy failures are not transient.
    internal static bool IsConnectionFailure(Exception? ex) =>
        ex is HttpRequestException http
        && http.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ResponseEnded;

    /// <summary>The wait the response asks for (<c>Retry-After</c> as seconds or as a date), or <see langword="null"/>.</summary>
    internal TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is TimeSpan delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is DateTimeOffset date)
        {
            TimeSpan wait = date - _time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private ValueTask OnRetry(OnRetryArguments<HttpResponseMessage> args)
    {
        args.Context.Properties.TryGetValue(RequestKey, out HttpRequestMessage? request);
        string reason = args.Outcome.Result is { } response
            ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : DiagnosticsHandler.ErrorType(args.Outcome.Exception!);
        string? serviceType = request is null ? _serviceType : RequestTags.ServiceType(request) ?? _serviceType;
        if (OpenStackDiagnostics.RetryCount.Enabled)
        {
            OpenStackDiagnostics.RetryCount.Add(
                1,
                new TagList
                {
                    { OpenStackDiagnostics.ServiceTypeTag, serviceType },
                    { OpenStackDiagnostics.MethodTag, request?.Method.Method },
                    { OpenStackDiagnostics.ErrorTypeTag, reason },
                });
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            LogRetry(
                _logger,
                request?.Method.Method ?? "-",
                SecretRedaction.Uri(request?.RequestUri),
                args.RetryDelay.TotalMilliseconds,
                args.AttemptNumber + 1,
                _options.MaxRetries,
                reason);
        }

        // The answer that is not passed on releases its connection now rather than when collected.
        args.Outcome.Result?.Dispose();
        return default;
    }

    [LoggerMessage(EventId = 10, EventName = "HttpRetry", Level = LogLevel.Information,
        Message = "Retrying {Method} {Url} in {DelayMilliseconds:0} ms (retry {Retry} of {MaxRetries}) after {Reason}")]
    private static partial void LogRetry(ILogger logger, string method, string url, double delayMilliseconds, int retry, int maxRetries, string reason);
}

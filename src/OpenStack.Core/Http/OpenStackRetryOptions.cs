using System;

namespace OpenStack;

/// <summary>
/// When the SDK sends a request again by itself (<see cref="OpenStackClientOptions.Retry"/>): after
/// <c>429 Too Many Requests</c> and <c>503 Service Unavailable</c>, waiting as long as the service's
/// <c>Retry-After</c> says (else an exponential back-off with jitter), and after a connection failure
/// when the request is idempotent (GET, HEAD, PUT, DELETE, OPTIONS).
/// </summary>
/// <remarks>
/// <para>
/// A request whose body cannot be sent twice (a stream that cannot seek) is never retried. A
/// <c>Retry-After</c> longer than <see cref="MaxDelay"/> is not waited for: the 429 or 503 is reported
/// at once. Retries happen within <see cref="OpenStackClientOptions.Timeout"/>, which bounds the whole
/// call. The 401 re-authentication is separate and not counted here.
/// </para>
/// <para>Built on Polly's retry strategy (Polly.Core).</para>
/// </remarks>
public sealed class OpenStackRetryOptions
{
    /// <summary>Whether requests are retried at all. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many times one request may be sent again (after the first attempt). Default 3; 0 turns retries off.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first wait when the service gives no <c>Retry-After</c>; it doubles with each retry, with jitter. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before a retry; a <c>Retry-After</c> beyond it is not retried. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether idempotent requests are retried after a connection failure (refused, reset, name not resolved). Default <see langword="true"/>.</summary>
    public bool RetryConnectionFailures { get; set; } = true;

    internal bool IsActive => Enabled && MaxRetries > 0;

    internal void Validate()
    {
        if (MaxRetries < 0 || MaxRetries > 100)
        {
            throw new OpenStackConfigurationException("Retry.MaxRetries must be between 0 and 100.");
        }

        if (BaseDelay < TimeSpan.Zero || MaxDelay < TimeSpan.Zero)
        {
            throw new OpenStackConfigurationException("Retry.BaseDelay and Retry.MaxDelay must not be negative.");
        }

        if (BaseDelay > TimeSpan.FromDays(1) || MaxDelay > TimeSpan.FromDays(1))
        {
            throw new OpenStackConfigurationException("Retry.BaseDelay and Retry.MaxDelay must be at most one day.");
        }
    }

    /// <summary>A copy, so a connection is not affected by later changes to the options it was created with.</summary>
    internal OpenStackRetryOptions Clone() => (OpenStackRetryOptions)MemberwiseClone();

    /// <inheritdoc />
    public override string ToString() =>
        IsActive ? $"MaxRetries={MaxRetries}, BaseDelay={BaseDelay}, MaxDelay={MaxDelay}, RetryConnectionFailures={RetryConnectionFailures}" : "off";
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Waiting;

/// <summary>
/// Polls a resource until its status is one of the targets, stopping early on a failure status or a
/// deletion. Generated clients wrap it as <c>WaitForStatusAsync</c> and <c>WaitForDeleteAsync</c> for
/// every resource that has a status.
/// </summary>
public static class StatusWaiter
{
    /// <summary>Polls <paramref name="get"/> until the status is a target (compared ignoring case).</summary>
    /// <typeparam name="T">The resource type.</typeparam>
    /// <param name="resource">Names the resource in messages, e.g. <c>server 0b1c…</c>.</param>
    /// <param name="get">Fetches the resource once.</param>
    /// <param name="status">Reads its status.</param>
    /// <param name="fault">Reads the service's failure explanation, or null.</param>
    /// <param name="targets">Statuses that end the wait successfully.</param>
    /// <param name="defaultFailures">Failure statuses used when <paramref name="options"/> names none.</param>
    /// <param name="options">Timeout, interval, failure statuses.</param>
    /// <param name="progress">Told of every fetched state, the last one included.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The resource in a target status.</returns>
    /// <exception cref="ResourceStatusException">It reached a failure status.</exception>
    /// <exception cref="TimeoutException">The timeout passed first; the message has the last status.</exception>
    /// <exception cref="OpenStackException">A poll failed (404 when the resource disappeared).</exception>
    public static async Task<T> WaitForStatusAsync<T>(
        string resource,
        Func<CancellationToken, Task<T>> get,
        Func<T, string?> status,
        Func<T, string?>? fault,
        IEnumerable<string> targets,
        IReadOnlyCollection<string> defaultFailures,
        WaitOptions? options,
        IProgress<T>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(status);
        var wanted = new HashSet<string>(targets ?? throw new ArgumentNullException(nameof(targets)), StringComparer.OrdinalIgnoreCase);
        if (wanted.Count == 0) throw new ArgumentException("At least one target status is needed.", nameof(targets));
        options ??= new WaitOptions();
        Validate(options);
        var failures = new HashSet<string>(options.FailureStates ?? defaultFailures, StringComparer.OrdinalIgnoreCase);
        failures.ExceptWith(wanted); // waiting for ERROR on purpose must work
        var clock = options.TimeProvider;
        var start = clock.GetTimestamp();
        while (true)
        {
            var current = await get(cancellationToken).ConfigureAwait(false);
            progress?.Report(current);
            var last = status(current);
            if (last is not null && wanted.Contains(last)) return current;
            if (last is not null && failures.Contains(last)) throw new ResourceStatusException(resource, last, fault?.Invoke(current));
            if (NextPause(options, clock, start) is not { } pause)
                throw new TimeoutException($"{resource} did not reach {string.Join(" or ", wanted.OrderBy(x => x, StringComparer.Ordinal))} within {options.Timeout}; last status {last ?? "(none)"}.");
            await Task.Delay(pause, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Polls <paramref name="get"/> until it fails with 404.</summary>
    /// <param name="resource">Names the resource in messages.</param>
    /// <param name="get">Fetches the resource once and reports its status, or throws 404 once it is gone.</param>
    /// <param name="defaultFailures">Statuses that mean the deletion failed (e.g. error_deleting).</param>
    /// <param name="options">Timeout and interval.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="ResourceStatusException">It reached a failure status.</exception>
    /// <exception cref="TimeoutException">It still existed when the timeout passed.</exception>
    public static async Task WaitForDeleteAsync(
        string resource,
        Func<CancellationToken, Task<string?>> get,
        IReadOnlyCollection<string> defaultFailures,
        WaitOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(get);
        options ??= new WaitOptions();
        Validate(options);
        var failures = new HashSet<string>(options.FailureStates ?? defaultFailures, StringComparer.OrdinalIgnoreCase);
        var clock = options.TimeProvider;
        var start = clock.GetTimestamp();
        while (true)
        {
            string? last;
            try
            {
                last = await get(cancellationToken).ConfigureAwait(false);
            }
            catch (OpenStackException e) when (e.Status == 404)
            {
                return;
            }
            if (last is not null && failures.Contains(last)) throw new ResourceStatusException(resource, last, null);
            if (NextPause(options, clock, start) is not { } pause)
                throw new TimeoutException($"{resource} still exists after {options.Timeout}; last status {last ?? "(none)"}.");
            await Task.Delay(pause, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    // The pause before the next poll: the interval, shortened so that the last poll happens at the deadline
    // rather than one interval before it; null once the deadline has passed.
    private static TimeSpan? NextPause(WaitOptions options, TimeProvider clock, long start)
    {
        if (options.Timeout == Timeout.InfiniteTimeSpan) return options.PollInterval;
        var remaining = options.Timeout - clock.GetElapsedTime(start);
        if (remaining <= TimeSpan.Zero) return null;
        return remaining < options.PollInterval ? remaining : options.PollInterval;
    }

    private static void Validate(WaitOptions options)
    {
        if (options.Timeout < TimeSpan.Zero && options.Timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(options), options.Timeout, "WaitOptions.Timeout must be positive or Timeout.InfiniteTimeSpan.");
        if (options.PollInterval < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), options.PollInterval, "WaitOptions.PollInterval must not be negative.");
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
    }
}

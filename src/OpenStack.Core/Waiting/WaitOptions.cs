using System;
using System.Collections.Generic;

namespace OpenStack.Waiting;

/// <summary>How long and how often to poll a resource while waiting for a status.</summary>
public sealed class WaitOptions
{
    /// <summary>
    /// Give up after this long (default 10 minutes) with a <see cref="TimeoutException"/>; the last poll happens at
    /// this deadline. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> waits until cancelled.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Pause between polls (default 2 seconds).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Statuses that end the wait with a <see cref="ResourceStatusException"/>; null keeps the resource's
    /// defaults from its spec (e.g. ERROR for servers, error for volumes).
    /// </summary>
    public IReadOnlyCollection<string>? FailureStates { get; set; }

    /// <summary>The clock used for the timeout and the pauses (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OpenStack.Waiting;
using Xunit;

namespace OpenStack.Tests.Core;

/// <summary>StatusWaiter with a clock that jumps instead of sleeping: no test here waits in real time.</summary>
public sealed class StatusWaiterTests
{
    private sealed record Thing(string? Status, string? Fault = null);

    /// <summary>A clock whose timers fire at once, moving time forward by their due time.</summary>
    private sealed class JumpingClock : TimeProvider
    {
        private long _ticks;
        public List<TimeSpan> Pauses { get; } = new();
        public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => Interlocked.Read(ref _ticks);
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch + Elapsed;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (Pauses) Pauses.Add(dueTime);
            Interlocked.Add(ref _ticks, dueTime.Ticks);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return new Noop();
        }

        private sealed class Noop : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;
            public void Dispose() { }
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    private sealed class ListProgress<T> : IProgress<T>
    {
        public List<T> Seen { get; } = new();
        public void Report(T value) { lock (Seen) Seen.Add(value); }
    }

    private static Func<CancellationToken, Task<Thing>> Sequence(params Thing[] states)
    {
        var i = 0;
        return _ => Task.FromResult(states[Math.Min(i++, states.Length - 1)]);
    }

    private static WaitOptions Options(JumpingClock clock, int timeoutSeconds = 60, int intervalSeconds = 2)
        => new() { TimeProvider = clock, Timeout = TimeSpan.FromSeconds(timeoutSeconds), PollInterval = TimeSpan.FromSeconds(intervalSeconds) };

    private static Task<Thing> Wait(Func<CancellationToken, Task<Thing>> get, string[] targets, WaitOptions options, IProgress<Thing>? progress = null, CancellationToken ct = default)
        => StatusWaiter.WaitForStatusAsync("thing 42", get, x => x.Status, x => x.Fault, targets, new[] { "ERROR" }, options, progress, ct);

    [Fact]
    public async Task Returns_the_first_state_in_a_target_status_and_reports_every_poll()
    {
        var clock = new JumpingClock();
        var progress = new ListProgress<Thing>();
        var done = await Wait(Sequence(new Thing("BUILD"), new Thing("BUILD"), new Thing("active")), new[] { "ACTIVE" }, Options(clock), progress);

        Assert.Equal("active", done.Status);  // case-insensitive
        Assert.Equal(new[] { "BUILD", "BUILD", "active" }, progress.Seen.ConvertAll(t => t.Status));
        Assert.Equal(new[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2) }, clock.Pauses);
    }

    [Fact]
    public async Task Any_of_several_targets_ends_the_wait()
    {
        var clock = new JumpingClock();
        var done = await Wait(Sequence(new Thing("RESIZE"), new Thing("VERIFY_RESIZE")), new[] { "ACTIVE", "VERIFY_RESIZE" }, Options(clock));
        Assert.Equal("VERIFY_RESIZE", done.Status);
    }

    [Fact]
    public async Task A_failure_status_stops_early_with_the_fault()
    {
        var clock = new JumpingClock();
        var e = await Assert.ThrowsAsync<ResourceStatusException>(() =>
            Wait(Sequence(new Thing("BUILD"), new Thing("ERROR", "No valid host was found.")), new[] { "ACTIVE" }, Options(clock)));

        Assert.Equal("ERROR", e.Status);
        Assert.Equal("No valid host was found.", e.Fault);
        Assert.Equal("thing 42", e.Resource);
        Assert.Contains("No valid host was found.", e.Message);
        Assert.Single(clock.Pauses);
    }

    [Fact]
    public async Task Waiting_for_a_failure_status_on_purpose_works()
    {
        var done = await Wait(Sequence(new Thing("BUILD"), new Thing("ERROR")), new[] { "ERROR" }, Options(new JumpingClock()));
        Assert.Equal("ERROR", done.Status);
    }

    [Fact]
    public async Task Custom_failure_states_replace_the_defaults()
    {
        var options = Options(new JumpingClock());
        options.FailureStates = new[] { "SHUTOFF" };
        var e = await Assert.ThrowsAsync<ResourceStatusException>(() => Wait(Sequence(new Thing("SHUTOFF")), new[] { "ACTIVE" }, options));
        Assert.Equal("SHUTOFF", e.Status);
        Assert.Null(e.Fault);
        // ERROR is no longer a failure: it times out instead
        options.Timeout = TimeSpan.FromSeconds(5);
        await Assert.ThrowsAsync<TimeoutException>(() => Wait(Sequence(new Thing("ERROR")), new[] { "ACTIVE" }, options));
    }

    [Fact]
    public async Task Times_out_with_the_last_status_after_polling_at_the_deadline()
    {
        var clock = new JumpingClock();
        var progress = new ListProgress<Thing>();
        var e = await Assert.ThrowsAsync<TimeoutException>(() => Wait(Sequence(new Thing("BUILD")), new[] { "ACTIVE" }, Options(clock, timeoutSeconds: 5, intervalSeconds: 2), progress));

        Assert.Contains("ACTIVE", e.Message);
        Assert.Contains("BUILD", e.Message);
        Assert.Contains("thing 42", e.Message);
        // Polls at 0, 2, 4 and 5 s: the last pause is shortened so the last poll is at the deadline, not before it.
        Assert.Equal(new[] { 2d, 2d, 1d }, clock.Pauses.ConvertAll(p => p.TotalSeconds));
        Assert.Equal(4, progress.Seen.Count);
        Assert.Equal(TimeSpan.FromSeconds(5), clock.Elapsed);
    }

    [Fact]
    public async Task A_target_reached_at_the_deadline_still_counts()
    {
        var clock = new JumpingClock();
        var done = await Wait(Sequence(new Thing("BUILD"), new Thing("BUILD"), new Thing("BUILD"), new Thing("ACTIVE")), new[] { "ACTIVE" }, Options(clock, 5, 2));
        Assert.Equal("ACTIVE", done.Status);
    }

    [Fact]
    public async Task Cancellation_stops_the_wait()
    {
        using var cts = new CancellationTokenSource();
        var polls = 0;
        var wait = Wait(_ => { if (++polls == 3) cts.Cancel(); return Task.FromResult(new Thing("BUILD")); },
            new[] { "ACTIVE" }, Options(new JumpingClock()), ct: cts.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.Equal(3, polls);
    }

    [Fact]
    public async Task Bad_arguments_are_refused()
    {
        var clock = new JumpingClock();
        await Assert.ThrowsAsync<ArgumentException>(() => Wait(Sequence(new Thing("x")), Array.Empty<string>(), Options(clock)));
        var negative = Options(clock);
        negative.PollInterval = TimeSpan.FromSeconds(-1);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Wait(Sequence(new Thing("x")), new[] { "x" }, negative));
    }

    [Fact]
    public async Task Delete_wait_ends_on_404()
    {
        var clock = new JumpingClock();
        var polls = 0;
        await StatusWaiter.WaitForDeleteAsync("thing 42", _ => ++polls < 3
                ? Task.FromResult<string?>("DELETING")
                : throw new OpenStackException("gone", 404, null, null, null, null, null, null),
            Array.Empty<string>(), Options(clock), CancellationToken.None);
        Assert.Equal(3, polls);
        Assert.Equal(2, clock.Pauses.Count);
    }

    [Fact]
    public async Task Delete_wait_fails_on_a_delete_failure_status_and_other_errors_propagate()
    {
        var clock = new JumpingClock();
        var e = await Assert.ThrowsAsync<ResourceStatusException>(() => StatusWaiter.WaitForDeleteAsync("volume 7",
            _ => Task.FromResult<string?>("error_deleting"), new[] { "error_deleting" }, Options(clock), CancellationToken.None));
        Assert.Equal("error_deleting", e.Status);

        var forbidden = await Assert.ThrowsAsync<OpenStackException>(() => StatusWaiter.WaitForDeleteAsync("volume 7",
            _ => throw new OpenStackException("no", 403, null, null, null, null, null, null), Array.Empty<string>(), Options(clock), CancellationToken.None));
        Assert.Equal(403, forbidden.Status);
    }

    [Fact]
    public async Task Delete_wait_times_out_when_it_stays()
    {
        var clock = new JumpingClock();
        var e = await Assert.ThrowsAsync<TimeoutException>(() => StatusWaiter.WaitForDeleteAsync("server 9",
            _ => Task.FromResult<string?>("ACTIVE"), Array.Empty<string>(), Options(clock, 10, 3), CancellationToken.None));
        Assert.Contains("ACTIVE", e.Message);
        Assert.Equal(TimeSpan.FromSeconds(10), clock.Elapsed);
    }
}

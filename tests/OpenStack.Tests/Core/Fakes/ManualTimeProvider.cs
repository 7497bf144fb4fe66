using System;

namespace OpenStack.Tests.Core.Fakes;

/// <summary>A clock the test moves by hand, so token expiry does not depend on the wall clock.</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset _now;

    public ManualTimeProvider(DateTimeOffset now)
    {
        _now = now;
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

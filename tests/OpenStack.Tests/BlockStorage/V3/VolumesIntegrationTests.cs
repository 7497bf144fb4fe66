using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OpenStack.BlockStorage.V3;
using OpenStack.Tests.Integration;
using OpenStack.Waiting;
using Xunit;

namespace OpenStack.Tests.BlockStorage.V3;

/// <summary>Cinder v3 volumes and snapshots on the real local cloud (fake volume driver; specs/block-storage/v3/).</summary>
[Collection(CloudCollection.Name)]
[Trait("Category", "Integration")]
public sealed class VolumesIntegrationTests
{
    private static readonly WaitOptions Quick = new() { Timeout = TimeSpan.FromMinutes(2), PollInterval = TimeSpan.FromMilliseconds(500) };

    private readonly CloudFixture _cloud;

    public VolumesIntegrationTests(CloudFixture cloud) => _cloud = cloud;

    private VolumesClient Volumes => _cloud.Client.BlockStorage.Volumes;

    private SnapshotsClient Snapshots => _cloud.Client.BlockStorage.Snapshots;

    [SkippableFact]
    public async Task Volume_lifecycle_metadata_bootable_extend_delete()
    {
        var name = CloudFixture.UniqueName("sdk-test-vol");
        var created = await Volumes.CreateAsync(new VolumeCreateOptions
        {
            Size = 1,
            Name = name,
            Description = "made by the SDK tests",
            Metadata = new Dictionary<string, string> { ["purpose"] = "sdk-test", ["keep"] = "yes" },
        });
        try
        {
            Assert.Equal(name, created.Name);
            Assert.Equal(1, created.Size);
            var seen = new List<string>();
            var available = await Volumes.WaitForStatusAsync(created.Id!, "available", Quick, new SyncProgress<Volume>(v => seen.Add(v.Status.ToString()!)));
            Assert.Equal(VolumeStatus.Available, available.Status);
            Assert.Equal("available", seen.Last());
            Assert.Equal("false", available.Bootable);
            Assert.Equal("sdk-test", available.Metadata!["purpose"]);
            Assert.NotNull(available.VolumeTypeId);     // 3.63+
            Assert.True(available.ConsumesQuota);       // 3.65+

            var detailed = Assert.Single(await Volumes.ListAsync(new VolumeListOptions { Name = name }).ToListAsync());
            Assert.Equal(created.Id, detailed.Id);
            Assert.Equal(1, detailed.Size);
            var summary = Assert.Single(await Volumes.ListSummaryAsync(new VolumeListOptions { Name = name }).ToListAsync());
            Assert.Equal(created.Id, summary.Id);
            Assert.Null(summary.Size);                  // the summary list has ids, names and links

            var updated = await Volumes.UpdateAsync(created.Id!, new VolumeUpdateOptions { Name = name + "-renamed", Description = "changed" });
            Assert.Equal(name + "-renamed", updated.Name);
            Assert.Equal("changed", (await Volumes.GetAsync(created.Id!)).Description);

            // Metadata: merge, read one, set one, delete one, replace all.
            var merged = await Volumes.UpdateMetadataAsync(created.Id!, new VolumeUpdateMetadataRequest { Metadata = new Dictionary<string, string> { ["added"] = "1" } });
            Assert.Equal("1", merged["added"]);
            Assert.Equal(new[] { "added", "keep", "purpose" }, (await Volumes.GetMetadataAsync(created.Id!)).Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal("yes", (await Volumes.GetMetadataItemAsync(created.Id!, "keep"))["keep"]);
            var one = await Volumes.SetMetadataItemAsync(created.Id!, "keep", new VolumeSetMetadataItemRequest { Meta = new Dictionary<string, string> { ["keep"] = "changed" } });
            Assert.Equal("changed", one["keep"]);
            await Volumes.DeleteMetadataItemAsync(created.Id!, "added");
            var missing = await Assert.ThrowsAsync<OpenStackException>(() => Volumes.GetMetadataItemAsync(created.Id!, "added"));
            Assert.Equal(404, missing.Status);
            var replaced = await Volumes.ReplaceMetadataAsync(created.Id!, new VolumeReplaceMetadataRequest { Metadata = new Dictionary<string, string> { ["only"] = "this" } });
            Assert.Equal(new Dictionary<string, string> { ["only"] = "this" }, replaced.ToDictionary(kv => kv.Key, kv => kv.Value));
            Assert.Equal(new[] { "only" }, (await Volumes.GetAsync(created.Id!)).Metadata!.Keys);

            await Volumes.SetBootableAsync(created.Id!, new VolumeSetBootableRequest { Bootable = true });
            Assert.Equal("true", (await Volumes.GetAsync(created.Id!)).Bootable);

            await Volumes.ExtendAsync(created.Id!, new VolumeExtendRequest { NewSize = 2 });
            try
            {
                var extended = await Volumes.WaitForStatusAsync(created.Id!, "available", Quick);
                Assert.Equal(2, extended.Size);
            }
            catch (ResourceStatusException e)
            {
                // Zed's FakeLoggingVolumeDriver (the devcloud backend) has no extend_volume: the manager
                // catches the AttributeError and sets error_extending, which ends the wait at once and
                // leaves the size alone. A real backend takes the try branch.
                Assert.Equal("error_extending", e.Status);
                var failed = await Volumes.GetAsync(created.Id!);
                Assert.Equal(VolumeStatus.ErrorExtending, failed.Status);
                Assert.Equal(1, failed.Size);
                await Volumes.ResetStatusAsync(created.Id!, new VolumeResetStatusRequest { Status = "available" });
            }
            var size = (await Volumes.GetAsync(created.Id!)).Size!.Value;
            var shrink = await Assert.ThrowsAsync<OpenStackException>(() => Volumes.ExtendAsync(created.Id!, new VolumeExtendRequest { NewSize = size }));
            Assert.Equal(400, shrink.Status);

            RoundTrip.AssertNoKeyLost(await _cloud.Client.BlockStorage.Http.GetStringAsync("volumes/" + created.Id), BlockStorageVolumesJsonContext.Default.VolumeEnvelope);
            RoundTrip.AssertNoKeyLost(await _cloud.Client.BlockStorage.Http.GetStringAsync("volumes/detail?name=" + Uri.EscapeDataString(name + "-renamed")), BlockStorageVolumesJsonContext.Default.VolumeListPage);
        }
        finally
        {
            await Volumes.DeleteAsync(created.Id!);
        }
        await Volumes.WaitForDeleteAsync(created.Id!, Quick);
        var gone = await Assert.ThrowsAsync<OpenStackException>(() => Volumes.GetAsync(created.Id!));
        Assert.Equal(404, gone.Status);
    }

    [SkippableFact]
    public async Task Waiters_stop_early_on_real_failure_states()
    {
        var created = await Volumes.CreateAsync(new VolumeCreateOptions { Size = 1, Name = CloudFixture.UniqueName("sdk-test-vol") });
        try
        {
            await Volumes.WaitForStatusAsync(created.Id!, "available", Quick);

            // An admin reset writes the state Cinder would set on a backend failure.
            await Volumes.ResetStatusAsync(created.Id!, new VolumeResetStatusRequest { Status = "error" });
            var started = DateTime.UtcNow;
            var failed = await Assert.ThrowsAsync<ResourceStatusException>(() =>
                Volumes.WaitForStatusAsync(created.Id!, "available", new WaitOptions { Timeout = TimeSpan.FromMinutes(1), PollInterval = TimeSpan.FromMilliseconds(200) }));
            Assert.Equal("error", failed.Status);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), "a failure state ends the wait at once, not at the timeout");

            await Volumes.ResetStatusAsync(created.Id!, new VolumeResetStatusRequest { Status = "error_deleting" });
            var deleteFailed = await Assert.ThrowsAsync<ResourceStatusException>(() => Volumes.WaitForDeleteAsync(created.Id!, Quick));
            Assert.Equal("error_deleting", deleteFailed.Status);

            await Volumes.ResetStatusAsync(created.Id!, new VolumeResetStatusRequest { Status = "available" });
            Assert.Equal(VolumeStatus.Available, (await Volumes.GetAsync(created.Id!)).Status);
        }
        finally
        {
            await Volumes.DeleteAsync(created.Id!);
            await Volumes.WaitForDeleteAsync(created.Id!, Quick);
        }
    }

    [SkippableFact]
    public async Task Snapshot_lifecycle_with_waiters()
    {
        var volume = await Volumes.CreateAsync(new VolumeCreateOptions { Size = 1, Name = CloudFixture.UniqueName("sdk-test-vol") });
        try
        {
            await Volumes.WaitForStatusAsync(volume.Id!, "available", Quick);
            var name = CloudFixture.UniqueName("sdk-test-snap");
            var snapshot = await Snapshots.CreateAsync(new SnapshotCreateOptions
            {
                VolumeId = volume.Id!,
                Name = name,
                Metadata = new Dictionary<string, string> { ["purpose"] = "sdk-test" },
            });
            try
            {
                var ready = await Snapshots.WaitForStatusAsync(snapshot.Id!, "available", Quick);
                Assert.Equal(SnapshotStatus.Available, ready.Status);
                Assert.Equal(volume.Id, ready.VolumeId);
                Assert.Equal(1, ready.Size);
                Assert.Equal("sdk-test", ready.Metadata!["purpose"]);
                Assert.False(string.IsNullOrEmpty(ready.UserId));     // 3.41+
                Assert.False(string.IsNullOrEmpty(ready.ProjectId));

                Assert.Equal(snapshot.Id, Assert.Single(await Snapshots.ListAsync(new SnapshotListOptions { VolumeId = volume.Id }).ToListAsync()).Id);
                var brief = Assert.Single(await Snapshots.ListSummaryAsync(new SnapshotListOptions { Name = name }).ToListAsync());
                Assert.Equal(snapshot.Id, brief.Id);

                var updated = await Snapshots.UpdateAsync(snapshot.Id!, new SnapshotUpdateOptions { Name = name + "-renamed", Description = "changed" });
                Assert.Equal(name + "-renamed", updated.Name);
                Assert.Equal("changed", (await Snapshots.GetAsync(snapshot.Id!)).Description);

                // A volume with a snapshot cannot be deleted (without cascade).
                var busy = await Assert.ThrowsAsync<OpenStackException>(() => Volumes.DeleteAsync(volume.Id!));
                Assert.Equal(400, busy.Status);

                RoundTrip.AssertNoKeyLost(await _cloud.Client.BlockStorage.Http.GetStringAsync("snapshots/" + snapshot.Id), BlockStorageSnapshotsJsonContext.Default.SnapshotEnvelope);
                RoundTrip.AssertNoKeyLost(await _cloud.Client.BlockStorage.Http.GetStringAsync("snapshots/detail?volume_id=" + volume.Id), BlockStorageSnapshotsJsonContext.Default.SnapshotListPage);
            }
            finally
            {
                await Snapshots.DeleteAsync(snapshot.Id!);
            }
            await Snapshots.WaitForDeleteAsync(snapshot.Id!, Quick);
            Assert.Equal(404, (await Assert.ThrowsAsync<OpenStackException>(() => Snapshots.GetAsync(snapshot.Id!))).Status);
        }
        finally
        {
            await Volumes.DeleteAsync(volume.Id!);
            await Volumes.WaitForDeleteAsync(volume.Id!, Quick);
        }
    }

    [SkippableFact]
    public async Task Pinned_below_3_47_a_backup_source_is_refused_client_side_and_newer_fields_are_absent()
    {
        var options = _cloud.OptionsForAnotherClient();
        options.DefaultMicroversions["block-storage"] = "3.46";
        using var pinned = await OpenStackClient.ConnectAsync(options);
        var name = CloudFixture.UniqueName("sdk-test-vol");
        var refused = await Assert.ThrowsAsync<NotSupportedException>(() =>
            pinned.BlockStorage.Volumes.CreateAsync(new VolumeCreateOptions { Size = 1, Name = name, BackupId = Guid.NewGuid().ToString() }));
        Assert.Contains("3.47", refused.Message);
        Assert.Empty(await Volumes.ListAsync(new VolumeListOptions { Name = name }).ToListAsync());   // nothing was sent

        var created = await pinned.BlockStorage.Volumes.CreateAsync(new VolumeCreateOptions { Size = 1, Name = name });
        try
        {
            var old = await pinned.BlockStorage.Volumes.WaitForStatusAsync(created.Id!, "available", Quick);
            Assert.Null(old.VolumeTypeId);      // 3.63
            Assert.Null(old.ConsumesQuota);     // 3.65
            Assert.Null(old.SharedTargets);     // 3.48
            var current = await Volumes.GetAsync(created.Id!);
            Assert.NotNull(current.VolumeTypeId);
            Assert.NotNull(current.SharedTargets);
            RoundTrip.AssertNoKeyLost(await pinned.BlockStorage.Http.GetStringAsync("volumes/" + created.Id), BlockStorageVolumesJsonContext.Default.VolumeEnvelope);
        }
        finally
        {
            await Volumes.DeleteAsync(created.Id!);
            await Volumes.WaitForDeleteAsync(created.Id!, Quick);
        }
    }

    /// <summary>IProgress that reports on the caller's thread (Progress&lt;T&gt; posts asynchronously).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

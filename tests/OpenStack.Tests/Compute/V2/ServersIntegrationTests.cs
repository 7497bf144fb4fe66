using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OpenStack.Compute.V2;
using OpenStack.Tests.Integration;
using Xunit;

namespace OpenStack.Tests.Compute.V2;

/// <summary>Nova servers, their actions and sub-resources on the real local Nova (fake virt driver).</summary>
[Collection(CloudCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ServersIntegrationTests
{
    private readonly CloudFixture _cloud;

    public ServersIntegrationTests(CloudFixture cloud) => _cloud = cloud;

    private OpenStackClient Cloud => _cloud.Client;
    private ServersClient Servers => Cloud.Compute.Servers;

    // The status, and no task still running on the server (Nova refuses most actions while one is).
    private async Task<Server> WaitAsync(string id, string status)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var server = await Servers.WaitForStatusAsync(id, status, ComputeTestKit.Fast);
            if (server.TaskState is null) return server;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"server {id} still has task {server.TaskState}");
            await Task.Delay(500);
        }
    }

    [SkippableFact]
    public async Task Server_lifecycle_on_a_network_with_update_metadata_tags_and_round_trips()
    {
        var cloud = Cloud;
        var imageId = await ComputeTestKit.ImageIdAsync(cloud);
        var (flavorId, _) = await ComputeTestKit.FlavorIdsAsync(cloud);
        await using var network = await TempNetwork.CreateAsync(cloud);
        var name = ComputeTestKit.Name("srv");
        var created = await Servers.CreateAsync(new ServerCreateOptions
        {
            Name = name,
            ImageRef = imageId,
            FlavorRef = flavorId,
            Networks = ServerNetworks.OnNetworks(network.Id),
            Metadata = new Dictionary<string, string> { ["purpose"] = "sdk-test", ["owner"] = "compute" },
            Tags = new List<string> { "sdk-test", "lifecycle" },
            Description = "made by the SDK tests",
            AdminPassword = "Sdk-test-Pa55",
            SecurityGroups = new List<ServerSecurityGroupsItem> { new() { Name = "default" } },
        }.SetUserData("#!/bin/sh\necho hello\n"));
        try
        {
            Assert.False(string.IsNullOrEmpty(created.Id));
            Assert.Equal("Sdk-test-Pa55", created.AdminPassword);
            Assert.DoesNotContain("Sdk-test-Pa55", created.ToString());

            var progress = new List<string?>();
            var active = await Servers.WaitForStatusAsync(created.Id!, "ACTIVE", ComputeTestKit.Fast, new Progress<Server>(s => { lock (progress) progress.Add(s.Status?.ToString()); }));
            Assert.Equal(ServerStatus.Active, active.Status);
            Assert.Equal(name, active.Name);
            Assert.Equal("made by the SDK tests", active.Description);
            Assert.Equal("sdk-test", active.Metadata!["purpose"]);
            Assert.Equal(new[] { "lifecycle", "sdk-test" }, active.Tags!.OrderBy(t => t));
            Assert.Equal(imageId, active.ImageId);
            Assert.Equal("active", active.VmState);
            Assert.Equal(1, active.PowerState);
            Assert.NotNull(active.Flavor?.OriginalName);
            Assert.False(string.IsNullOrEmpty(active.AvailabilityZoneName));
            var addresses = Assert.Single(active.Addresses!, a => a.Key == network.Name).Value;
            var address = Assert.Single(addresses);
            Assert.Equal(4, address.Version);
            Assert.Equal("fixed", address.Type);
            Assert.StartsWith("fa:16:3e", address.MacAddress);
            Assert.NotEmpty(progress);

            // Round trip of real responses: the server, a detail page and an address listing.
            var raw = await cloud.Compute.Http.GetStringAsync("servers/" + created.Id);
            RoundTrip.AssertNoKeyLost(raw, ComputeServersJsonContext.Default.ServerEnvelope);
            Assert.Contains("OS-EXT-STS:vm_state", raw);
            var pageRaw = await cloud.Compute.Http.GetStringAsync("servers/detail?name=" + name);
            RoundTrip.AssertNoKeyLost(pageRaw, ComputeServersJsonContext.Default.ServerListPage);
            var summaryRaw = await cloud.Compute.Http.GetStringAsync("servers?name=" + name);
            RoundTrip.AssertNoKeyLost(summaryRaw, ComputeServersJsonContext.Default.ServerListPage);
            RoundTrip.AssertNoKeyLost(await cloud.Compute.Http.GetStringAsync($"servers/{created.Id}/ips"), ComputeServersJsonContext.Default.ServerListAddressesResponseEnvelope);

            // Lists: detail with filters, summary (ids and names only), ids through both.
            var detailed = await Servers.ListAsync(new ServerListOptions { Name = name, Status = "ACTIVE", Image = imageId, Flavor = flavorId, Tags = "sdk-test,lifecycle" }).ToListAsync();
            Assert.Equal(created.Id, Assert.Single(detailed).Id);
            Assert.NotNull(detailed[0].Flavor);
            var summary = await Servers.ListSummaryAsync(new ServerListOptions { Name = name }).ToListAsync();
            var brief = Assert.Single(summary);
            Assert.Equal(created.Id, brief.Id);
            Assert.Equal(name, brief.Name);
            Assert.Null(brief.Status);  // the summary has no details
            Assert.Empty(await Servers.ListAsync(new ServerListOptions { Name = name, Tags = "no-such-tag" }).ToListAsync());
            Assert.Contains(await Servers.ListSummaryAsync(new ServerListOptions { Name = name, AllTenants = true }).ToListAsync(), s => s.Id == created.Id);
            Assert.Contains(await Servers.ListAsync(new ServerListOptions { Ip = address.Addr, Name = name }).ToListAsync(), s => s.Id == created.Id);
            var since = await Servers.ListAsync(new ServerListOptions { ChangesSince = active.Created!.Value.AddSeconds(-1), Name = name }).ToListAsync();
            Assert.Contains(since, s => s.Id == created.Id);

            // Addresses: all, and by network (the seed API's ListAddressesByNetwork).
            var all = await Servers.ListAddressesAsync(created.Id!);
            Assert.Equal(address.Addr, Assert.Single(all[network.Name]).Addr);
            var byNetwork = await Servers.ListAddressesByNetworkAsync(created.Id!, network.Name);
            Assert.Equal(address.Addr, Assert.Single(byNetwork).Addr);
            var missing = await Assert.ThrowsAsync<OpenStackException>(() => Servers.ListAddressesByNetworkAsync(created.Id!, "no-such-network"));
            Assert.Equal(404, missing.Status);

            // Security groups of the server
            var groups = await Cloud.Compute.ServerSecurityGroups.ListAsync(created.Id!).ToListAsync();
            var group = Assert.Single(groups, g => g.Name == "default");
            Assert.False(string.IsNullOrEmpty(group.Id));
            Assert.NotNull(group.Rules);
            RoundTrip.AssertNoKeyLost(await cloud.Compute.Http.GetStringAsync($"servers/{created.Id}/os-security-groups"), ComputeServerSecurityGroupsJsonContext.Default.ServerSecurityGroupListPage);

            // Update (PUT): name, access IPs, description
            var renamed = name + "-renamed";
            var updated = await Servers.UpdateAsync(created.Id!, new ServerUpdateOptions { Name = renamed, AccessIPv4 = "192.0.2.10", AccessIPv6 = "2001:db8::10", Description = "changed" });
            Assert.Equal(renamed, updated.Name);
            Assert.Equal("192.0.2.10", updated.AccessIPv4);
            Assert.Equal("2001:db8::10", updated.AccessIPv6);
            Assert.Equal("changed", (await Servers.GetAsync(created.Id!)).Description);

            // Metadata items
            var metadata = Cloud.Compute.ServerMetadata;
            Assert.Equal("compute", (await metadata.ListAsync(created.Id!))["owner"]);
            var merged = await metadata.MergeAsync(created.Id!, new ServerMetadataMergeRequest { Metadata = new Dictionary<string, string> { ["colour"] = "blue" } });
            Assert.Equal(new[] { "colour", "owner", "purpose" }, merged.Keys.OrderBy(k => k));
            var item = await metadata.SetItemAsync(created.Id!, "size", new ServerMetadataSetItemRequest { Meta = new Dictionary<string, string> { ["size"] = "L" } });
            Assert.Equal("L", item["size"]);
            Assert.Equal("blue", (await metadata.GetItemAsync(created.Id!, "colour"))["colour"]);
            await metadata.DeleteItemAsync(created.Id!, "colour");
            Assert.Equal(404, (await Assert.ThrowsAsync<OpenStackException>(() => metadata.GetItemAsync(created.Id!, "colour"))).Status);
            var replaced = await metadata.ReplaceAsync(created.Id!, new ServerMetadataReplaceRequest { Metadata = new Dictionary<string, string> { ["only"] = "this" } });
            Assert.Equal("this", Assert.Single(replaced).Value);
            Assert.Equal("only", Assert.Single((await Servers.GetAsync(created.Id!)).Metadata!).Key);

            // Tags (2.26)
            var tags = Cloud.Compute.ServerTags;
            await tags.AddAsync(created.Id!, "extra");
            await tags.CheckAsync(created.Id!, "extra");
            Assert.Equal(new[] { "extra", "lifecycle", "sdk-test" }, (await tags.ListAsync(created.Id!)).OrderBy(t => t));
            await tags.DeleteAsync(created.Id!, "extra");
            Assert.Equal(404, (await Assert.ThrowsAsync<OpenStackException>(() => tags.CheckAsync(created.Id!, "extra"))).Status);
            Assert.Equal(new[] { "a", "b" }, (await tags.ReplaceAsync(created.Id!, new ServerTagsReplaceRequest { Tags = new List<string> { "a", "b" } })).OrderBy(t => t));
            await tags.DeleteAllAsync(created.Id!);
            Assert.Empty(await tags.ListAsync(created.Id!));
        }
        finally
        {
            await ComputeTestKit.DeleteServerAsync(cloud, created.Id!);
        }
        var gone = await Assert.ThrowsAsync<OpenStackException>(() => Servers.GetAsync(created.Id!));
        Assert.Equal(404, gone.Status);
    }

    private async Task<Server> ActAsync(string id, Func<Task> act, string target)
    {
        await act();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var server = await Servers.GetAsync(id);
            var status = server.Status?.ToString();
            if (string.Equals(status, target, StringComparison.OrdinalIgnoreCase) && server.TaskState is null) return server;
            if (status == "ERROR") throw new Xunit.Sdk.XunitException($"server {id} went to ERROR: {server.Fault?.Message}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"server {id} did not reach {target}; status {status}, task {server.TaskState}");
            await Task.Delay(500);
        }
    }

    [SkippableFact]
    public async Task Server_actions_change_the_real_state()
    {
        var cloud = Cloud;
        var imageId = await ComputeTestKit.ImageIdAsync(cloud);
        var (small, bigger) = await ComputeTestKit.FlavorIdsAsync(cloud);
        var created = await ComputeTestKit.BootAsync(cloud, new ServerCreateOptions { Name = ComputeTestKit.Name("act"), ImageRef = imageId, FlavorRef = small, Networks = ServerNetworks.None });
        string? imageMade = null;
        try
        {
            var id = created.Id!;

            var stopped = await ActAsync(id, () => Servers.StopAsync(id), "SHUTOFF");
            Assert.Equal(4, stopped.PowerState);
            Assert.Equal(1, (await ActAsync(id, () => Servers.StartAsync(id), "ACTIVE")).PowerState);

            Assert.Equal("paused", (await ActAsync(id, () => Servers.PauseAsync(id), "PAUSED")).VmState);
            await ActAsync(id, () => Servers.UnpauseAsync(id), "ACTIVE");

            Assert.Equal("suspended", (await ActAsync(id, () => Servers.SuspendAsync(id), "SUSPENDED")).VmState);
            await ActAsync(id, () => Servers.ResumeAsync(id), "ACTIVE");

            await Servers.LockAsync(id);
            Assert.True((await Servers.GetAsync(id)).Locked);
            await Servers.UnlockAsync(id);
            Assert.False((await Servers.GetAsync(id)).Locked);

            await Servers.RebootAsync(id, hard: false);
            await WaitAsync(id, "ACTIVE");
            await Servers.RebootAsync(id, hard: true);
            await WaitAsync(id, "ACTIVE");

            var rescuePassword = await Servers.RescueAsync(id);
            Assert.False(string.IsNullOrEmpty(rescuePassword));
            Assert.Equal("rescued", (await WaitAsync(id, "RESCUE")).VmState);
            await ActAsync(id, () => Servers.UnrescueAsync(id), "ACTIVE");

            await Servers.ChangePasswordAsync(id, "An0ther-Pa55");  // the fake driver accepts it
            await WaitAsync(id, "ACTIVE");

            var output = await Servers.GetConsoleOutputAsync(id);
            Assert.Contains("FAKE CONSOLE OUTPUT", output);
            var tail = await Servers.GetConsoleOutputAsync(id, length: 1);
            Assert.True(tail.Split('\n').Length <= output.Split('\n').Length);

            imageMade = await Servers.CreateImageAsync(id, ComputeTestKit.Name("snap"), new Dictionary<string, string> { ["sdk_test"] = "yes" });
            var snapshot = await cloud.Image.Images.GetAsync(imageMade);
            Assert.Equal(imageMade, snapshot.Id);
            await WaitAsync(id, "ACTIVE");

            var rebuilding = await Servers.RebuildAsync(id, new ServerRebuildRequest { ImageRef = imageId, Name = created.Id + "-rebuilt", Description = "rebuilt" });
            Assert.Equal(id, rebuilding.Id);
            Assert.False(string.IsNullOrEmpty(rebuilding.AdminPassword));
            var rebuilt = await WaitAsync(id, "ACTIVE");
            Assert.Equal(created.Id + "-rebuilt", rebuilt.Name);
            Assert.Equal("rebuilt", rebuilt.Description);

            await Servers.ShelveAsync(id);
            var shelved = await Servers.WaitForStatusAsync(id, new[] { "SHELVED", "SHELVED_OFFLOADED" }, ComputeTestKit.Fast);
            Assert.StartsWith("shelved", shelved.VmState);
            await ActAsync(id, () => Servers.UnshelveAsync(id), "ACTIVE");

            // The devcloud has one host and allow_resize_to_same_host, so a resize really migrates (scripts/devcloud.sh).
            var before = await Servers.GetAsync(id);
            await Servers.ResizeAsync(id, bigger);
            var resized = await Servers.WaitForStatusAsync(id, "VERIFY_RESIZE", ComputeTestKit.Fast);
            Assert.NotEqual(before.Flavor!.OriginalName, resized.Flavor!.OriginalName);
            await Servers.RevertResizeAsync(id);
            var reverted = await WaitAsync(id, "ACTIVE");
            Assert.Equal(before.Flavor!.OriginalName, reverted.Flavor!.OriginalName);

            await Servers.ResizeAsync(id, bigger);
            await Servers.WaitForStatusAsync(id, "VERIFY_RESIZE", ComputeTestKit.Fast);
            await Servers.ConfirmResizeAsync(id);
            var confirmed = await WaitAsync(id, "ACTIVE");
            Assert.NotEqual(before.Flavor!.OriginalName, confirmed.Flavor!.OriginalName);
            var notAgain = await Assert.ThrowsAsync<OpenStackException>(() => Servers.ConfirmResizeAsync(id));
            Assert.Equal(409, notAgain.Status);
            Assert.Contains("confirmResize", notAgain.ServerMessage);
        }
        finally
        {
            await ComputeTestKit.DeleteServerAsync(cloud, created.Id!);
            if (imageMade is not null) await ComputeTestKit.Quietly(() => cloud.Image.Images.DeleteAsync(imageMade));
        }
    }

    [SkippableFact]
    public async Task Interfaces_and_volumes_attach_and_detach()
    {
        var cloud = Cloud;
        var imageId = await ComputeTestKit.ImageIdAsync(cloud);
        var (flavorId, _) = await ComputeTestKit.FlavorIdsAsync(cloud);
        await using var network = await TempNetwork.CreateAsync(cloud);
        await using var volume = await TempVolume.CreateAsync(cloud);
        var created = await ComputeTestKit.BootAsync(cloud, new ServerCreateOptions
        {
            Name = ComputeTestKit.Name("att"),
            ImageRef = imageId,
            FlavorRef = flavorId,
            Networks = ServerNetworks.Of(new ServerNetworkRequest { Uuid = network.Id }),
        });
        try
        {
            var id = created.Id!;
            var interfaces = cloud.Compute.ServerInterfaces;

            var first = Assert.Single(await interfaces.ListAsync(id).ToListAsync());
            Assert.Equal(network.Id, first.NetId);
            var attached = await interfaces.CreateAsync(id, new ServerInterfaceCreateOptions { NetId = network.Id, Tag = "second-nic" });
            Assert.Equal(network.Id, attached.NetId);
            Assert.False(string.IsNullOrEmpty(attached.PortId));
            Assert.Equal("second-nic", attached.Tag);
            var ip = Assert.Single(attached.FixedIps!).IpAddress;
            Assert.Equal(ip, Assert.Single((await interfaces.GetAsync(id, attached.PortId!)).FixedIps!).IpAddress);
            Assert.Equal(2, (await interfaces.ListAsync(id).ToListAsync()).Count);
            RoundTrip.AssertNoKeyLost(await cloud.Compute.Http.GetStringAsync($"servers/{id}/os-interface"), ComputeServerInterfacesJsonContext.Default.ServerInterfaceListPage);
            Assert.Contains((await Servers.ListAddressesByNetworkAsync(id, network.Name)), a => a.Addr == ip);
            await interfaces.DeleteAsync(id, attached.PortId!);
            await Eventually(async () => (await interfaces.ListAsync(id).ToListAsync()).Count == 1, "the interface to detach");

            var volumes = cloud.Compute.VolumeAttachments;
            var attachment = await volumes.CreateAsync(id, new VolumeAttachmentCreateOptions { VolumeId = volume.Id, DeleteOnTermination = false });
            Assert.Equal(volume.Id, attachment.VolumeId);
            Assert.Equal(id, attachment.ServerId);
            Assert.False(string.IsNullOrEmpty(attachment.Device));
            await volume.WaitForStatusAsync("in-use");
            var listed = Assert.Single(await volumes.ListAsync(id).ToListAsync());
            Assert.Equal(volume.Id, listed.VolumeId);
            Assert.False(string.IsNullOrEmpty(listed.AttachmentId));  // 2.89 and later
            Assert.Null(listed.Id);                                    // gone in 2.89
            Assert.Equal(listed.AttachmentId, (await volumes.GetAsync(id, volume.Id)).AttachmentId);
            Assert.Contains((await Servers.GetAsync(id)).VolumesAttached!, v => v.Id == volume.Id);
            RoundTrip.AssertNoKeyLost(await cloud.Compute.Http.GetStringAsync($"servers/{id}/os-volume_attachments/{volume.Id}"), ComputeVolumeAttachmentsJsonContext.Default.VolumeAttachmentEnvelope);
            RoundTrip.AssertNoKeyLost(await cloud.Compute.Http.GetStringAsync($"servers/{id}/os-volume_attachments"), ComputeVolumeAttachmentsJsonContext.Default.VolumeAttachmentListPage);
            await volumes.DeleteAsync(id, volume.Id);
            await volume.WaitForStatusAsync("available");
            Assert.Empty(await volumes.ListAsync(id).ToListAsync());
        }
        finally
        {
            await ComputeTestKit.DeleteServerAsync(cloud, created.Id!);
        }
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("timed out waiting for " + what);
            await Task.Delay(500);
        }
    }

    [SkippableFact]
    public async Task Waiting_stops_early_with_the_fault_when_the_server_goes_to_error()
    {
        var cloud = Cloud;
        var imageId = await ComputeTestKit.ImageIdAsync(cloud);
        // A flavor whose disk no host can hold (admin; Nova has no disk quota, so the API accepts it): the scheduler finds no valid host and the server goes to ERROR.
        var flavorName = ComputeTestKit.Name("huge");
        var flavorJson = await ComputeTestKit.RawAsync(cloud.Compute.Http, HttpMethod.Post, "flavors",
            new JsonObject { ["flavor"] = new JsonObject { ["name"] = flavorName, ["ram"] = 64, ["vcpus"] = 1, ["disk"] = 10_000_000 } }.ToJsonString());
        var flavorId = (string)JsonNode.Parse(flavorJson)!["flavor"]!["id"]!;
        string? serverId = null;
        try
        {
            var created = await Servers.CreateAsync(new ServerCreateOptions { Name = ComputeTestKit.Name("err"), ImageRef = imageId, FlavorRef = flavorId, Networks = ServerNetworks.None });
            serverId = created.Id;
            var seen = new List<string?>();
            var started = DateTime.UtcNow;
            var e = await Assert.ThrowsAsync<OpenStack.Waiting.ResourceStatusException>(() =>
                Servers.WaitForStatusAsync(created.Id!, "ACTIVE", ComputeTestKit.Fast, new Progress<Server>(s => { lock (seen) seen.Add(s.Status?.ToString()); })));
            Assert.Equal("ERROR", e.Status);
            Assert.Contains("No valid host", e.Fault);
            Assert.Equal("server " + created.Id, e.Resource);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromMinutes(2), "the wait must stop at ERROR, not at its timeout");
            var failed = await Servers.GetAsync(created.Id!);
            Assert.Equal(ServerStatus.Error, failed.Status);
            Assert.Equal(e.Fault, failed.Fault!.Message);
            Assert.NotNull(failed.Fault.Code);
            RoundTrip.AssertNoKeyLost(await cloud.Compute.Http.GetStringAsync("servers/" + created.Id), ComputeServersJsonContext.Default.ServerEnvelope);
        }
        finally
        {
            if (serverId is not null) await ComputeTestKit.DeleteServerAsync(cloud, serverId);
            await ComputeTestKit.Quietly(async () => (await cloud.Compute.Http.DeleteAsync("flavors/" + flavorId)).Dispose());
        }
    }

    [SkippableFact]
    public async Task Paging_follows_servers_links()
    {
        var cloud = Cloud;
        var imageId = await ComputeTestKit.ImageIdAsync(cloud);
        var (flavorId, _) = await ComputeTestKit.FlavorIdsAsync(cloud);
        var prefix = ComputeTestKit.Name("page");
        var ids = new List<string>();
        try
        {
            for (var i = 0; i < 3; i++)
                // Nova pages servers still being scheduled (build requests) apart from built ones: boot each to ACTIVE.
                ids.Add((await ComputeTestKit.BootAsync(cloud, new ServerCreateOptions { Name = prefix + "-" + i, ImageRef = imageId, FlavorRef = flavorId, Networks = ServerNetworks.None })).Id!);

            var pages = new List<int>();
            var seen = new List<string>();
            await foreach (var page in Servers.ListAsync(new ServerListOptions { Name = prefix, Limit = 2 }).AsPages())
            {
                pages.Add(page.Values.Count);
                seen.AddRange(page.Values.Select(s => s.Id!));
            }
            Assert.Equal(ids.OrderBy(x => x), seen.OrderBy(x => x));
            Assert.True(pages.Count >= 2, "expected at least two pages, got " + string.Join(",", pages));
            Assert.All(pages, n => Assert.True(n <= 2));

            var first = JsonNode.Parse(await cloud.Compute.Http.GetStringAsync($"servers/detail?name={prefix}&limit=2"))!;
            Assert.NotNull(first["servers_links"]);
            RoundTrip.AssertNoKeyLost(first.ToJsonString(), ComputeServersJsonContext.Default.ServerListPage);

            var summaries = await Servers.ListSummaryAsync(new ServerListOptions { Name = prefix, Limit = 1 }).ToListAsync();
            Assert.Equal(ids.OrderBy(x => x), summaries.Select(s => s.Id!).OrderBy(x => x));
        }
        finally
        {
            foreach (var id in ids) await ComputeTestKit.DeleteServerAsync(cloud, id);
        }
    }
}

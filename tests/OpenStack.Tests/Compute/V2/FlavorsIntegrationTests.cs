using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OpenStack.Compute.V2;
using OpenStack.Tests.Integration;
using Xunit;

namespace OpenStack.Tests.Compute.V2;

/// <summary>Nova flavors, their extra specs and access lists on the real local cloud (specs/compute/v2.1/flavors.yaml).</summary>
[Collection(CloudCollection.Name)]
[Trait("Category", "Integration")]
public sealed class FlavorsIntegrationTests
{
    private readonly CloudFixture _cloud;

    public FlavorsIntegrationTests(CloudFixture cloud) => _cloud = cloud;

    private FlavorsClient Flavors => _cloud.Client.Compute.Flavors;

    [SkippableFact]
    public async Task Private_flavor_lifecycle_with_extra_specs_and_access()
    {
        var name = CloudFixture.UniqueName("sdk-test-flavor");
        var projectId = (await _cloud.Client.Connection.GetTokenAsync()).ProjectId!;
        var created = await Flavors.CreateAsync(new FlavorCreateOptions
        {
            Name = name,
            Ram = 64,
            Vcpus = 1,
            Disk = 1,
            Swap = 16,
            Ephemeral = 2,
            IsPublic = false,
            RxtxFactor = 1.5,
            Description = "made by the SDK tests",
        });
        try
        {
            Assert.Equal(name, created.Name);
            Assert.False(string.IsNullOrEmpty(created.Id));
            Assert.Equal(64, created.Ram);
            Assert.Equal(16, created.Swap!.GetValue<int>());
            Assert.Equal(2, created.Ephemeral);
            Assert.False(created.IsPublic);
            Assert.False(created.Disabled);
            Assert.Equal(1.5, created.RxtxFactor);
            Assert.Equal("made by the SDK tests", created.Description);

            var got = await Flavors.GetAsync(created.Id!);
            Assert.Equal(name, got.Name);
            Assert.NotNull(got.ExtraSpecs);      // 2.61+: present (and empty) in flavor bodies
            Assert.Empty(got.ExtraSpecs!);

            // Private flavors show up for an admin with is_public=none; the default listing hides them.
            var detailed = await Flavors.ListAsync(new FlavorListOptions { IsPublic = "none" }).Where(f => f.Id == created.Id).ToListAsync();
            Assert.Equal(64, Assert.Single(detailed).Ram);
            var summary = await Flavors.ListSummaryAsync(new FlavorListOptions { IsPublic = "none" }).Where(f => f.Id == created.Id).ToListAsync();
            var brief = Assert.Single(summary);
            Assert.Equal(name, brief.Name);
            Assert.Null(brief.Ram);               // the summary listing has ids, names, links (and the description)
            Assert.DoesNotContain(await Flavors.ListAsync().ToListAsync(), f => f.Id == created.Id);

            var updated = await Flavors.UpdateAsync(created.Id!, new FlavorUpdateOptions { Description = "changed" });
            Assert.Equal("changed", updated.Description);
            Assert.Equal("changed", (await Flavors.GetAsync(created.Id!)).Description);

            // Extra specs: a JSON map in, the same map out.
            var set = await Flavors.SetExtraSpecsAsync(created.Id!, new FlavorSetExtraSpecsRequest
            {
                ExtraSpecs = new Dictionary<string, string> { ["hw:cpu_policy"] = "shared", ["sdk:test"] = "one" },
            });
            Assert.Equal("shared", set["hw:cpu_policy"]);
            Assert.Equal("one", await Flavors.GetExtraSpecAsync(created.Id!, "sdk:test"));
            Assert.Equal("two", await Flavors.SetExtraSpecAsync(created.Id!, "sdk:test", "two"));
            var all = await Flavors.ListExtraSpecsAsync(created.Id!);
            Assert.Equal(new Dictionary<string, string> { ["hw:cpu_policy"] = "shared", ["sdk:test"] = "two" }, all.ToDictionary(kv => kv.Key, kv => kv.Value));
            Assert.Equal("two", (await Flavors.GetAsync(created.Id!)).ExtraSpecs!["sdk:test"]);
            await Flavors.DeleteExtraSpecAsync(created.Id!, "sdk:test");
            var unset = await Assert.ThrowsAsync<OpenStackException>(() => Flavors.GetExtraSpecAsync(created.Id!, "sdk:test"));
            Assert.Equal(404, unset.Status);
            Assert.Equal(new[] { "hw:cpu_policy" }, (await Flavors.ListExtraSpecsAsync(created.Id!)).Keys);

            // Access to the private flavor.
            Assert.Empty(await Flavors.ListAccessAsync(created.Id!));
            var added = await Flavors.AddTenantAccessAsync(created.Id!, new FlavorAddTenantAccessRequest { Tenant = projectId });
            var access = Assert.Single(added);
            Assert.Equal(created.Id, access.FlavorId);
            Assert.Equal(projectId, access.TenantId);
            Assert.Equal(projectId, Assert.Single(await Flavors.ListAccessAsync(created.Id!)).TenantId);
            var twice = await Assert.ThrowsAsync<OpenStackException>(() => Flavors.AddTenantAccessAsync(created.Id!, new FlavorAddTenantAccessRequest { Tenant = projectId }));
            Assert.Equal(409, twice.Status);
            Assert.Empty(await Flavors.RemoveTenantAccessAsync(created.Id!, new FlavorRemoveTenantAccessRequest { Tenant = projectId }));
            Assert.Empty(await Flavors.ListAccessAsync(created.Id!));

            var raw = await _cloud.Client.Compute.Http.GetStringAsync("flavors/" + created.Id);
            RoundTrip.AssertNoKeyLost(raw, ComputeFlavorsJsonContext.Default.FlavorEnvelope);
        }
        finally
        {
            await Flavors.DeleteAsync(created.Id!);
        }
        var gone = await Assert.ThrowsAsync<OpenStackException>(() => Flavors.GetAsync(created.Id!));
        Assert.Equal(404, gone.Status);
    }

    [SkippableFact]
    public async Task Real_flavor_lists_keep_every_key_and_page_by_links()
    {
        var raw = await _cloud.Client.Compute.Http.GetStringAsync("flavors/detail");
        RoundTrip.AssertNoKeyLost(raw, ComputeFlavorsJsonContext.Default.FlavorListPage);
        RoundTrip.AssertNoKeyLost(await _cloud.Client.Compute.Http.GetStringAsync("flavors"), ComputeFlavorsJsonContext.Default.FlavorListPage);

        var all = await Flavors.ListAsync().ToListAsync();
        Assert.True(all.Count >= 2, "the devcloud has at least m1.tiny and m1.small");
        var pages = 0;
        var paged = new List<string>();
        await foreach (var page in Flavors.ListAsync(new FlavorListOptions { Limit = 1 }).AsPages())
        {
            pages++;
            paged.AddRange(page.Values.Select(f => f.Id!));
        }
        Assert.True(pages >= all.Count, $"limit=1 should follow flavors_links page by page ({pages} pages for {all.Count} flavors)");
        Assert.Equal(all.Select(f => f.Id).OrderBy(x => x), paged.Distinct().OrderBy(x => x));
    }

    [SkippableFact]
    public async Task Pinned_below_2_55_the_description_is_refused_client_side_and_absent_from_responses()
    {
        var options = _cloud.OptionsForAnotherClient();
        options.DefaultMicroversions["compute"] = "2.54";
        using var pinned = await OpenStackClient.ConnectAsync(options);
        var flavor = await pinned.Compute.Flavors.ListAsync().FirstAsync();
        Assert.Null(flavor.Description);   // not in 2.54 bodies, and that is not an error
        Assert.Null(flavor.ExtraSpecs);

        var refused = await Assert.ThrowsAsync<NotSupportedException>(() =>
            pinned.Compute.Flavors.UpdateAsync(flavor.Id!, new FlavorUpdateOptions { Description = "never sent" }));
        Assert.Contains("2.55", refused.Message);
        Assert.Contains("2.54", refused.Message);
    }
}

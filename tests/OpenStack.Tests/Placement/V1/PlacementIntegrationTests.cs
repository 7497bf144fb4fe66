using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OpenStack.Placement.V1;
using OpenStack.Tests.Integration;
using Xunit;

namespace OpenStack.Tests.Placement.V1;

/// <summary>
/// Placement resource providers, inventories, usages, traits, aggregates and allocations on the real local
/// Placement (specs/placement/v1/*.yaml). Every provider, trait and consumer is the test's own: Nova's compute node
/// is a provider too and is never touched.
/// </summary>
[Collection(CloudCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PlacementIntegrationTests
{
    private readonly CloudFixture _cloud;

    public PlacementIntegrationTests(CloudFixture cloud) => _cloud = cloud;

    private PlacementService Placement => _cloud.Client.Placement;

    private async Task<ResourceProvider> NewProviderAsync(string? parent = null)
        => await Placement.ResourceProviders.CreateAsync(new ResourceProviderCreateOptions
        {
            Name = CloudFixture.UniqueName("sdk-test-rp"),
            ParentProviderUuid = parent,
        });

    private async Task DeleteQuietlyAsync(string uuid)
    {
        try { await Placement.ResourceProviders.DeleteAsync(uuid); }
        catch (OpenStackException e) when (e.Status == 404) { }
    }

    /// <summary>A stale generation: 409 with Placement's own code and message.</summary>
    private static void AssertGenerationConflict(OpenStackException e)
    {
        AssertConflict(e, "generation");
        Assert.Equal("placement.concurrent_update", e.ErrorCode);
    }

    private static void AssertConflict(OpenStackException e, string fragment)
    {
        Assert.Equal(409, e.Status);
        Assert.Contains(fragment, e.ServerMessage, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrEmpty(e.RequestId));
    }

    [SkippableFact]
    public async Task Provider_lifecycle_with_a_child_and_filters()
    {
        var root = await NewProviderAsync();
        ResourceProvider? child = null;
        try
        {
            Assert.False(string.IsNullOrEmpty(root.Uuid));
            Assert.Equal(0, root.Generation);
            Assert.Equal(root.Uuid, root.RootProviderUuid);
            Assert.Null(root.ParentProviderUuid);
            Assert.Contains(root.Links!, l => l.Rel == "inventories");

            child = await NewProviderAsync(parent: root.Uuid);
            Assert.Equal(root.Uuid, child.ParentProviderUuid);
            Assert.Equal(root.Uuid, child.RootProviderUuid);

            var byName = await Placement.ResourceProviders.ListAsync(new ResourceProviderListOptions { Name = root.Name }).ToListAsync();
            Assert.Equal(root.Uuid, Assert.Single(byName).Uuid);

            var tree = await Placement.ResourceProviders.ListAsync(new ResourceProviderListOptions { InTree = child.Uuid }).ToListAsync();
            Assert.Equal(new[] { root.Uuid, child.Uuid }.OrderBy(x => x), tree.Select(p => p.Uuid).OrderBy(x => x));

            var renamed = CloudFixture.UniqueName("sdk-test-rp-renamed");
            var updated = await Placement.ResourceProviders.UpdateAsync(child.Uuid!, new ResourceProviderUpdateOptions { Name = renamed, ParentProviderUuid = root.Uuid });
            Assert.Equal(renamed, updated.Name);
            Assert.Equal(renamed, (await Placement.ResourceProviders.GetAsync(child.Uuid!)).Name);

            // A parent with children cannot go.
            var refused = await Assert.ThrowsAsync<OpenStackException>(() => Placement.ResourceProviders.DeleteAsync(root.Uuid!));
            AssertConflict(refused, "child");

            var raw = await Placement.Http.GetStringAsync("resource_providers?in_tree=" + root.Uuid);
            RoundTrip.AssertNoKeyLost(raw, PlacementResourceProvidersJsonContext.Default.ResourceProviderListPage);
            RoundTrip.AssertNoKeyLost(await Placement.Http.GetStringAsync("resource_providers/" + child.Uuid), PlacementResourceProvidersJsonContext.Default.ResourceProvider);
        }
        finally
        {
            if (child is not null) await DeleteQuietlyAsync(child.Uuid!);
            await DeleteQuietlyAsync(root.Uuid!);
        }
        var gone = await Assert.ThrowsAsync<OpenStackException>(() => Placement.ResourceProviders.GetAsync(root.Uuid!));
        Assert.Equal(404, gone.Status);
        Assert.Contains(root.Uuid!, gone.ServerMessage);
    }

    [SkippableFact]
    public async Task Inventories_are_guarded_by_the_provider_generation()
    {
        var rp = await NewProviderAsync();
        try
        {
            var set = await Placement.ResourceProviders.SetInventoriesAsync(rp.Uuid!, new ResourceProviderSetInventoriesRequest
            {
                ResourceProviderGeneration = rp.Generation,
                Inventories = new Dictionary<string, JsonNode>
                {
                    ["VCPU"] = new JsonObject { ["total"] = 8, ["allocation_ratio"] = 2.0 },
                    ["MEMORY_MB"] = new JsonObject { ["total"] = 4096, ["reserved"] = 512, ["step_size"] = 256 },
                },
            });
            Assert.Equal(rp.Generation + 1, set.ResourceProviderGeneration);
            Assert.Equal(8, set.Inventories!["VCPU"].Total);
            Assert.Equal(2.0, set.Inventories["VCPU"].AllocationRatio);
            Assert.Equal(512, set.Inventories["MEMORY_MB"].Reserved);

            // The generation we started from is stale now: Placement refuses, with its own message.
            var stale = await Assert.ThrowsAsync<OpenStackException>(() => Placement.ResourceProviders.SetInventoriesAsync(rp.Uuid!,
                new ResourceProviderSetInventoriesRequest
                {
                    ResourceProviderGeneration = rp.Generation,
                    Inventories = new Dictionary<string, JsonNode> { ["VCPU"] = new JsonObject { ["total"] = 1 } },
                }));
            AssertGenerationConflict(stale);

            var vcpu = await Placement.ResourceProviders.GetInventoryAsync(rp.Uuid!, "VCPU");
            Assert.Equal(8, vcpu.Total);
            Assert.Equal(set.ResourceProviderGeneration, vcpu.ResourceProviderGeneration);

            var bigger = await Placement.ResourceProviders.SetInventoryAsync(rp.Uuid!, "VCPU",
                new ResourceProviderSetInventoryRequest { ResourceProviderGeneration = vcpu.ResourceProviderGeneration, Total = 16, MaxUnit = 4 });
            Assert.Equal(16, bigger.Total);
            Assert.Equal(4, bigger.MaxUnit);
            var staleOne = await Assert.ThrowsAsync<OpenStackException>(() => Placement.ResourceProviders.SetInventoryAsync(rp.Uuid!, "VCPU",
                new ResourceProviderSetInventoryRequest { ResourceProviderGeneration = vcpu.ResourceProviderGeneration, Total = 32 }));
            AssertGenerationConflict(staleOne);

            RoundTrip.AssertNoKeyLost(await Placement.Http.GetStringAsync($"resource_providers/{rp.Uuid}/inventories"),
                PlacementResourceProvidersJsonContext.Default.ResourceProviderInventories);
            RoundTrip.AssertNoKeyLost(await Placement.Http.GetStringAsync($"resource_providers/{rp.Uuid}/inventories/MEMORY_MB"),
                PlacementResourceProvidersJsonContext.Default.ResourceProviderInventory);

            await Placement.ResourceProviders.DeleteInventoryAsync(rp.Uuid!, "MEMORY_MB");
            var left = await Placement.ResourceProviders.GetInventoriesAsync(rp.Uuid!);
            Assert.Equal(new[] { "VCPU" }, left.Inventories!.Keys);
            var missing = await Assert.ThrowsAsync<OpenStackException>(() => Placement.ResourceProviders.GetInventoryAsync(rp.Uuid!, "MEMORY_MB"));
            Assert.Equal(404, missing.Status);

            await Placement.ResourceProviders.DeleteInventoriesAsync(rp.Uuid!);
            Assert.Empty((await Placement.ResourceProviders.GetInventoriesAsync(rp.Uuid!)).Inventories!);
        }
        finally
        {
            await DeleteQuietlyAsync(rp.Uuid!);
        }
    }

    [SkippableFact]
    public async Task Custom_traits_and_provider_traits()
    {
        var trait = "CUSTOM_SDK_TEST_" + Guid.NewGuid().ToString("N").Substring(0, 12).ToUpperInvariant();
        var rp = await NewProviderAsync();
        try
        {
            await Placement.Traits.CreateAsync(trait);
            await Placement.Traits.CreateAsync(trait); // idempotent (204)
            await Placement.Traits.CheckAsync(trait);

            var custom = await Placement.Traits.ListAsync(new TraitListOptions { Name = "startswith:" + trait });
            Assert.Equal(new[] { trait }, custom);
            Assert.DoesNotContain(trait, await Placement.Traits.ListAsync(new TraitListOptions { Associated = true }));
            Assert.Contains("HW_CPU_X86_AVX2", await Placement.Traits.ListAllAsync());

            var set = await Placement.ResourceProviders.SetTraitsAsync(rp.Uuid!, new ResourceProviderSetTraitsRequest
            {
                Traits = new List<string> { trait, "HW_CPU_X86_AVX2" },
                ResourceProviderGeneration = rp.Generation,
            });
            Assert.Equal(rp.Generation + 1, set.ResourceProviderGeneration);
            var stale = await Assert.ThrowsAsync<OpenStackException>(() => Placement.ResourceProviders.SetTraitsAsync(rp.Uuid!,
                new ResourceProviderSetTraitsRequest { Traits = new List<string>(), ResourceProviderGeneration = rp.Generation }));
            AssertGenerationConflict(stale);

            var read = await Placement.ResourceProviders.GetTraitsAsync(rp.Uuid!);
            Assert.Equal(new[] { "HW_CPU_X86_AVX2", trait }.OrderBy(x => x), read.Traits!.OrderBy(x => x));
            Assert.Contains(trait, await Placement.Traits.ListAsync(new TraitListOptions { Associated = true }));
            var withTrait = await Placement.ResourceProviders.ListAsync(new ResourceProviderListOptions { Required = trait }).ToListAsync();
            Assert.Equal(rp.Uuid, Assert.Single(withTrait).Uuid);
            RoundTrip.AssertNoKeyLost(await Placement.Http.GetStringAsync($"resource_providers/{rp.Uuid}/traits"),
                PlacementResourceProvidersJsonContext.Default.ResourceProviderTraits);

            // A trait in use cannot be deleted; a standard trait never can.
            AssertConflict(await Assert.ThrowsAsync<OpenStackException>(() => Placement.Traits.DeleteAsync(trait)), "in use");
            var standard = await Assert.ThrowsAsync<OpenStackException>(() => Placement.Traits.DeleteAsync("HW_CPU_X86_AVX2"));
            Assert.Equal(400, standard.Status);

            await Placement.ResourceProviders.DeleteTraitsAsync(rp.Uuid!);
            Assert.Empty((await Placement.ResourceProviders.GetTraitsAsync(rp.Uuid!)).Traits!);
        }
        finally
        {
            await DeleteQuietlyAsync(rp.Uuid!);
            try { await Placement.Traits.DeleteAsync(trait); } catch (OpenStackException e) when (e.Status == 404) { }
        }
        var gone = await Assert.ThrowsAsync<OpenStackException>(() => Placement.Traits.CheckAsync(trait));
        Assert.Equal(404, gone.Status);
    }

    [SkippableFact]
    public async Task Aggregates_of_a_provider()
    {
        var rp = await NewProviderAsync();
        try
        {
            var aggregate = Guid.NewGuid().ToString();
            var set = await Placement.ResourceProviders.SetAggregatesAsync(rp.Uuid!, new ResourceProviderSetAggregatesRequest
            {
                Aggregates = new List<string> { aggregate },
                ResourceProviderGeneration = rp.Generation,
            });
            Assert.Equal(new[] { aggregate }, set.Aggregates);
            var stale = await Assert.ThrowsAsync<OpenStackException>(() => Placement.ResourceProviders.SetAggregatesAsync(rp.Uuid!,
                new ResourceProviderSetAggregatesRequest { Aggregates = new List<string>(), ResourceProviderGeneration = rp.Generation }));
            AssertGenerationConflict(stale);
            Assert.Equal(new[] { aggregate }, (await Placement.ResourceProviders.GetAggregatesAsync(rp.Uuid!)).Aggregates);

            var members = await Placement.ResourceProviders.ListAsync(new ResourceProviderListOptions { MemberOf = new List<string> { aggregate } }).ToListAsync();
            Assert.Equal(rp.Uuid, Assert.Single(members).Uuid);
            RoundTrip.AssertNoKeyLost(await Placement.Http.GetStringAsync($"resource_providers/{rp.Uuid}/aggregates"),
                PlacementResourceProvidersJsonContext.Default.ResourceProviderAggregates);
        }
        finally
        {
            await DeleteQuietlyAsync(rp.Uuid!);
        }
    }

    [SkippableFact]
    public async Task Allocations_consume_inventory_and_show_in_usages()
    {
        var rp = await NewProviderAsync();
        var consumer = Guid.NewGuid().ToString();
        var project = CloudFixture.UniqueName("sdk-test-project");
        var user = CloudFixture.UniqueName("sdk-test-user");
        try
        {
            await Placement.ResourceProviders.SetInventoriesAsync(rp.Uuid!, new ResourceProviderSetInventoriesRequest
            {
                ResourceProviderGeneration = rp.Generation,
                Inventories = new Dictionary<string, JsonNode>
                {
                    ["VCPU"] = new JsonObject { ["total"] = 4 },
                    ["MEMORY_MB"] = new JsonObject { ["total"] = 2048 },
                },
            });

            AllocationReplaceRequest Request(int vcpu, int? generation) => new()
            {
                Allocations = new Dictionary<string, AllocationRequested>
                {
                    [rp.Uuid!] = new() { Resources = new Dictionary<string, long> { ["VCPU"] = vcpu, ["MEMORY_MB"] = 512 } },
                },
                ProjectId = project,
                UserId = user,
                ConsumerType = "INSTANCE",
                ConsumerGeneration = generation,
            };

            await Placement.Allocations.ReplaceAsync(consumer, Request(2, generation: null));
            var held = await Placement.Allocations.GetAsync(consumer);
            Assert.Equal(project, held.ProjectId);
            Assert.Equal(user, held.UserId);
            Assert.Equal("INSTANCE", held.ConsumerType);
            Assert.Equal(1, held.ConsumerGeneration);
            Assert.Equal(2, held.Allocations![rp.Uuid!].Resources!["VCPU"]);

            // Writing as if the consumer were new again is a stale consumer generation.
            var stale = await Assert.ThrowsAsync<OpenStackException>(() => Placement.Allocations.ReplaceAsync(consumer, Request(3, generation: null)));
            AssertGenerationConflict(stale);
            Assert.Contains("consumer generation", stale.ServerMessage);
            // More than the inventory holds is refused too.
            var tooMuch = await Assert.ThrowsAsync<OpenStackException>(() => Placement.Allocations.ReplaceAsync(consumer, Request(64, held.ConsumerGeneration)));
            Assert.Equal(409, tooMuch.Status);
            Assert.Contains("VCPU", tooMuch.ServerMessage);

            await Placement.Allocations.ReplaceAsync(consumer, Request(3, held.ConsumerGeneration));
            var usages = await Placement.ResourceProviders.GetUsagesAsync(rp.Uuid!);
            Assert.Equal(3, usages.Usages!["VCPU"]);
            Assert.Equal(512, usages.Usages["MEMORY_MB"]);

            var byProject = await Placement.Allocations.GetProjectUsagesAsync(project);
            Assert.Equal(3, byProject.ByConsumerType["INSTANCE"]["VCPU"]);
            Assert.Equal(1, byProject.ByConsumerType["INSTANCE"]["consumer_count"]);
            var all = await Placement.Allocations.GetProjectUsagesAsync(project, user, consumerType: "all");
            Assert.Equal(512, all.ByConsumerType["all"]["MEMORY_MB"]);

            var onProvider = await Placement.ResourceProviders.GetAllocationsAsync(rp.Uuid!);
            Assert.Equal(3, onProvider.Allocations![consumer].Resources!["VCPU"]);

            // A provider with allocations cannot be deleted.
            Assert.Equal(409, (await Assert.ThrowsAsync<OpenStackException>(() => Placement.ResourceProviders.DeleteAsync(rp.Uuid!))).Status);

            RoundTrip.AssertNoKeyLost(await Placement.Http.GetStringAsync("allocations/" + consumer), PlacementAllocationsJsonContext.Default.Allocation);
            RoundTrip.AssertNoKeyLost(await Placement.Http.GetStringAsync($"resource_providers/{rp.Uuid}/usages"), PlacementResourceProvidersJsonContext.Default.ResourceProviderUsages);
            RoundTrip.AssertNoKeyLost(await Placement.Http.GetStringAsync($"resource_providers/{rp.Uuid}/allocations"), PlacementResourceProvidersJsonContext.Default.ResourceProviderConsumerAllocations);
            RoundTrip.AssertNoKeyLost(await Placement.Http.GetStringAsync("usages?project_id=" + project), PlacementCustomJsonContext.Default.ProjectUsages);

            await Placement.Allocations.DeleteAsync(consumer);
            Assert.Empty((await Placement.Allocations.GetAsync(consumer)).Allocations!);
            Assert.Empty((await Placement.Allocations.GetProjectUsagesAsync(project)).ByConsumerType);
        }
        finally
        {
            try { await Placement.Allocations.DeleteAsync(consumer); } catch (OpenStackException e) when (e.Status == 404) { }
            await DeleteQuietlyAsync(rp.Uuid!);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OpenStack.Identity.V3;
using OpenStack.Tests.Integration;
using Xunit;

namespace OpenStack.Tests.Identity.V3;

/// <summary>
/// Keystone v3 admin resources on the real local Keystone: domains, groups and membership, roles, implied roles,
/// grants and role assignments, regions, services, endpoints and application credentials (specs/identity/v3/*.yaml).
/// </summary>
[Collection(CloudCollection.Name)]
[Trait("Category", "Integration")]
public sealed class IdentityAdminIntegrationTests
{
    private readonly CloudFixture _cloud;

    public IdentityAdminIntegrationTests(CloudFixture cloud) => _cloud = cloud;

    private IdentityService Identity => _cloud.Client.Identity;

    private static async Task Quietly(Func<Task> cleanup)
    {
        try { await cleanup(); }
        catch (OpenStackException e) when (e.Status == 404) { }
    }

    /// <summary>The JSON under a key of a real body (and, with an index, one element of that array).</summary>
    private static string Under(string raw, string key, int? index = null)
    {
        var node = JsonNode.Parse(raw)![key]!;
        return (index is int i ? node.AsArray()[i]! : node).ToJsonString();
    }

    [SkippableFact]
    public async Task Domain_lifecycle_must_be_disabled_before_delete()
    {
        var name = CloudFixture.UniqueName("sdk-test-domain");
        var domain = await Identity.Domains.CreateAsync(new DomainCreateOptions { Name = name, Description = "SDK test domain" });
        try
        {
            Assert.Equal(name, domain.Name);
            Assert.True(domain.Enabled);
            var listed = await Identity.Domains.ListAsync(new DomainListOptions { Name = name }).ToListAsync();
            Assert.Equal(domain.Id, Assert.Single(listed).Id);

            var refused = await Assert.ThrowsAsync<OpenStackException>(() => Identity.Domains.DeleteAsync(domain.Id!));
            Assert.Equal(403, refused.Status);
            Assert.Contains("disable", refused.ServerMessage, StringComparison.OrdinalIgnoreCase);

            var updated = await Identity.Domains.UpdateAsync(domain.Id!, new DomainUpdateOptions { Description = "changed", Enabled = false });
            Assert.Equal("changed", updated.Description);
            Assert.False(updated.Enabled);
            Assert.False((await Identity.Domains.GetAsync(domain.Id!)).Enabled);

            RoundTrip.AssertNoKeyLost(await Identity.Http.GetStringAsync("domains/" + domain.Id), IdentityDomainsJsonContext.Default.DomainEnvelope);
            RoundTrip.AssertNoKeyLost(await Identity.Http.GetStringAsync("domains"), IdentityDomainsJsonContext.Default.DomainListPage);
        }
        finally
        {
            await Quietly(async () =>
            {
                await Identity.Domains.UpdateAsync(domain.Id!, new DomainUpdateOptions { Enabled = false });
                await Identity.Domains.DeleteAsync(domain.Id!);
            });
        }
        Assert.Equal(404, (await Assert.ThrowsAsync<OpenStackException>(() => Identity.Domains.GetAsync(domain.Id!))).Status);
    }

    [SkippableFact]
    public async Task Group_membership_add_check_list_remove()
    {
        var group = await Identity.Groups.CreateAsync(new GroupCreateOptions { Name = CloudFixture.UniqueName("sdk-test-group"), DomainId = "default", Description = "SDK test group" });
        var user = await Identity.Users.CreateAsync(new UserCreateOptions { Name = CloudFixture.UniqueName("sdk-test-user"), DomainId = "default" });
        try
        {
            Assert.Equal("default", group.DomainId);
            var listed = await Identity.Groups.ListAsync(new GroupListOptions { Name = group.Name, DomainId = "default" }).ToListAsync();
            Assert.Equal(group.Id, Assert.Single(listed).Id);

            var notYet = await Assert.ThrowsAsync<OpenStackException>(() => Identity.Groups.CheckUserAsync(group.Id!, user.Id!));
            Assert.Equal(404, notYet.Status);

            await Identity.Groups.AddUserAsync(group.Id!, user.Id!);
            await Identity.Groups.CheckUserAsync(group.Id!, user.Id!);
            var members = await Identity.Groups.ListUsersAsync(group.Id!);
            Assert.Equal(user.Name, Assert.Single(members).Name);
            var groupsOfUser = await Identity.Groups.ListForUserAsync(user.Id!);
            Assert.Equal(group.Id, Assert.Single(groupsOfUser).Id);

            // The actions return the list under its key; Keystone's top-level 'links' of these bodies is not kept.
            RoundTrip.AssertNoKeyLost(Under(await Identity.Http.GetStringAsync($"groups/{group.Id}/users"), "users", 0), IdentityGroupsJsonContext.Default.GroupMember);
            RoundTrip.AssertNoKeyLost(Under(await Identity.Http.GetStringAsync($"users/{user.Id}/groups"), "groups", 0), IdentityGroupsJsonContext.Default.GroupMembership);
            RoundTrip.AssertNoKeyLost(await Identity.Http.GetStringAsync("groups/" + group.Id), IdentityGroupsJsonContext.Default.GroupEnvelope);

            var renamed = await Identity.Groups.UpdateAsync(group.Id!, new GroupUpdateOptions { Description = "renamed" });
            Assert.Equal("renamed", renamed.Description);

            await Identity.Groups.RemoveUserAsync(group.Id!, user.Id!);
            Assert.Equal(404, (await Assert.ThrowsAsync<OpenStackException>(() => Identity.Groups.CheckUserAsync(group.Id!, user.Id!))).Status);
            Assert.Empty(await Identity.Groups.ListUsersAsync(group.Id!));
        }
        finally
        {
            await Quietly(() => Identity.Users.DeleteAsync(user.Id!));
            await Quietly(() => Identity.Groups.DeleteAsync(group.Id!));
        }
        Assert.Equal(404, (await Assert.ThrowsAsync<OpenStackException>(() => Identity.Groups.GetAsync(group.Id!))).Status);
    }

    [SkippableFact]
    public async Task Role_grant_shows_in_role_assignments_then_revoke()
    {
        var role = await Identity.Roles.CreateAsync(new RoleCreateOptions { Name = CloudFixture.UniqueName("sdk-test-role"), Description = "SDK test role" });
        var implied = await Identity.Roles.CreateAsync(new RoleCreateOptions { Name = CloudFixture.UniqueName("sdk-test-implied") });
        var project = await Identity.Projects.CreateAsync(new ProjectCreateOptions { Name = CloudFixture.UniqueName("sdk-test-proj"), DomainId = "default" });
        var user = await Identity.Users.CreateAsync(new UserCreateOptions { Name = CloudFixture.UniqueName("sdk-test-user"), DomainId = "default" });
        var group = await Identity.Groups.CreateAsync(new GroupCreateOptions { Name = CloudFixture.UniqueName("sdk-test-group"), DomainId = "default" });
        try
        {
            var byName = await Identity.Roles.ListAsync(new RoleListOptions { Name = role.Name }).ToListAsync();
            Assert.Equal(role.Id, Assert.Single(byName).Id);

            // Direct grant to the user on the project.
            Assert.Equal(404, (await Assert.ThrowsAsync<OpenStackException>(() => Identity.Roles.CheckProjectUserAsync(project.Id!, user.Id!, role.Id!))).Status);
            await Identity.Roles.GrantProjectUserAsync(project.Id!, user.Id!, role.Id!);
            await Identity.Roles.CheckProjectUserAsync(project.Id!, user.Id!, role.Id!);

            var direct = await Identity.RoleAssignments.ListAsync(new RoleAssignmentListOptions { UserId = user.Id, ScopeProjectId = project.Id }).ToListAsync();
            var assignment = Assert.Single(direct);
            Assert.Equal(role.Id, assignment.Role!.Id);
            Assert.Equal(user.Id, assignment.User!.Id);
            Assert.Equal(project.Id, assignment.Scope!.Project!.Id);
            Assert.Null(assignment.Role.Name);

            var named = Assert.Single(await Identity.RoleAssignments.ListAsync(new RoleAssignmentListOptions { UserId = user.Id, ScopeProjectId = project.Id, IncludeNames = true }).ToListAsync());
            Assert.Equal(role.Name, named.Role!.Name);
            Assert.Equal(user.Name, named.User!.Name);
            Assert.Equal(project.Name, named.Scope!.Project!.Name);

            var byRole = await Identity.RoleAssignments.ListAsync(new RoleAssignmentListOptions { RoleId = role.Id }).ToListAsync();
            Assert.Equal(user.Id, Assert.Single(byRole).User!.Id);

            // Implied role: holding role now also gives implied, which effective listings expand.
            var inference = await Identity.Roles.AddImpliedAsync(role.Id!, implied.Id!);
            Assert.Equal(role.Id, inference.PriorRole!.Id);
            Assert.Equal(implied.Id, inference.Implies!.Id);
            await Identity.Roles.CheckImpliedAsync(role.Id!, implied.Id!);
            Assert.Equal(implied.Id, (await Identity.Roles.GetImpliedAsync(role.Id!, implied.Id!)).Implies!.Id);
            Assert.Equal(implied.Id, Assert.Single((await Identity.Roles.ListImpliedAsync(role.Id!)).Implies!).Id);

            // Grant through a group: effective assignments of the user show it with the membership link.
            await Identity.Roles.GrantProjectGroupAsync(project.Id!, group.Id!, role.Id!);
            await Identity.Groups.AddUserAsync(group.Id!, user.Id!);
            await Identity.Roles.CheckProjectGroupAsync(project.Id!, group.Id!, role.Id!);
            var effective = await Identity.RoleAssignments.ListAsync(new RoleAssignmentListOptions { UserId = user.Id, ScopeProjectId = project.Id, Effective = true }).ToListAsync();
            Assert.Contains(effective, a => a.Role!.Id == implied.Id);
            Assert.Contains(effective, a => a.Role!.Id == role.Id && a.Links is not null && a.Links.ToJsonString().Contains("membership"));
            Assert.All(effective, a => Assert.Equal(user.Id, a.User!.Id));

            RoundTrip.AssertNoKeyLost(await Identity.Http.GetStringAsync($"role_assignments?scope.project.id={project.Id}&include_names=true"),
                IdentityRoleAssignmentsJsonContext.Default.RoleAssignmentListPage);
            RoundTrip.AssertNoKeyLost(await Identity.Http.GetStringAsync($"role_assignments?user.id={user.Id}&effective=true"),
                IdentityRoleAssignmentsJsonContext.Default.RoleAssignmentListPage);
            RoundTrip.AssertNoKeyLost(Under(await Identity.Http.GetStringAsync($"roles/{role.Id}/implies"), "role_inference"), IdentityRolesJsonContext.Default.RoleInferences);
            RoundTrip.AssertNoKeyLost(await Identity.Http.GetStringAsync("roles/" + role.Id), IdentityRolesJsonContext.Default.RoleEnvelope);

            // Revoke everything: the user's assignments on the project are gone.
            await Identity.Roles.RevokeProjectUserAsync(project.Id!, user.Id!, role.Id!);
            await Identity.Roles.RevokeProjectGroupAsync(project.Id!, group.Id!, role.Id!);
            await Identity.Roles.RemoveImpliedAsync(role.Id!, implied.Id!);
            Assert.Equal(404, (await Assert.ThrowsAsync<OpenStackException>(() => Identity.Roles.CheckProjectUserAsync(project.Id!, user.Id!, role.Id!))).Status);
            Assert.Equal(404, (await Assert.ThrowsAsync<OpenStackException>(() => Identity.Roles.CheckImpliedAsync(role.Id!, implied.Id!))).Status);
            Assert.Empty(await Identity.RoleAssignments.ListAsync(new RoleAssignmentListOptions { UserId = user.Id, ScopeProjectId = project.Id, Effective = true }).ToListAsync());

            // Domain-scoped grants.
            await Identity.Roles.GrantDomainUserAsync("default", user.Id!, role.Id!);
            await Identity.Roles.CheckDomainUserAsync("default", user.Id!, role.Id!);
            Assert.Equal("default", Assert.Single(await Identity.RoleAssignments.ListAsync(new RoleAssignmentListOptions { UserId = user.Id, ScopeDomainId = "default" }).ToListAsync()).Scope!.Domain!.Id);
            await Identity.Roles.RevokeDomainUserAsync("default", user.Id!, role.Id!);
            await Identity.Roles.GrantDomainGroupAsync("default", group.Id!, role.Id!);
            await Identity.Roles.CheckDomainGroupAsync("default", group.Id!, role.Id!);
            await Identity.Roles.RevokeDomainGroupAsync("default", group.Id!, role.Id!);
            Assert.Equal(404, (await Assert.ThrowsAsync<OpenStackException>(() => Identity.Roles.CheckDomainGroupAsync("default", group.Id!, role.Id!))).Status);

            var updated = await Identity.Roles.UpdateAsync(role.Id!, new RoleUpdateOptions { Description = "changed" });
            Assert.Equal("changed", updated.Description);
        }
        finally
        {
            await Quietly(() => Identity.Users.DeleteAsync(user.Id!));
            await Quietly(() => Identity.Groups.DeleteAsync(group.Id!));
            await Quietly(() => Identity.Projects.DeleteAsync(project.Id!));
            await Quietly(() => Identity.Roles.DeleteAsync(implied.Id!));
            await Quietly(() => Identity.Roles.DeleteAsync(role.Id!));
        }
        Assert.Equal(404, (await Assert.ThrowsAsync<OpenStackException>(() => Identity.Roles.GetAsync(role.Id!))).Status);
    }

    [SkippableFact]
    public async Task Region_service_and_endpoint_lifecycle()
    {
        var regionId = CloudFixture.UniqueName("sdk-test-region");
        var region = await Identity.Regions.CreateAsync(new RegionCreateOptions { Id = regionId, Description = "SDK test region", ParentRegionId = "RegionOne" });
        ServiceEntry? service = null;
        Endpoint? endpoint = null;
        try
        {
            Assert.Equal(regionId, region.Id);
            Assert.Equal("RegionOne", region.ParentRegionId);
            var children = await Identity.Regions.ListAsync(new RegionListOptions { ParentRegionId = "RegionOne" }).ToListAsync();
            Assert.Contains(children, r => r.Id == regionId);
            Assert.Equal("changed", (await Identity.Regions.UpdateAsync(regionId, new RegionUpdateOptions { Description = "changed" })).Description);

            var type = CloudFixture.UniqueName("sdk-test-type");
            service = await Identity.Services.CreateAsync(new ServiceEntryCreateOptions { Type = type, Name = CloudFixture.UniqueName("sdk-test-svc"), Description = "SDK test service" });
            Assert.Equal(type, service.Type);
            Assert.True(service.Enabled);
            Assert.Equal(service.Id, Assert.Single(await Identity.Services.ListAsync(new ServiceEntryListOptions { Type = type }).ToListAsync()).Id);
            Assert.False((await Identity.Services.UpdateAsync(service.Id!, new ServiceEntryUpdateOptions { Enabled = false })).Enabled);

            endpoint = await Identity.Endpoints.CreateAsync(new EndpointCreateOptions
            {
                Interface = EndpointInterface.Internal,
                ServiceId = service.Id!,
                Url = "http://127.0.0.1:9/sdk-test",
                RegionId = regionId,
            });
            Assert.Equal(EndpointInterface.Internal, endpoint.Interface);
            Assert.Equal(regionId, endpoint.RegionId);
            var listed = await Identity.Endpoints.ListAsync(new EndpointListOptions { ServiceId = service.Id, Interface = "internal" }).ToListAsync();
            Assert.Equal(endpoint.Id, Assert.Single(listed).Id);
            var moved = await Identity.Endpoints.UpdateAsync(endpoint.Id!, new EndpointUpdateOptions { Url = "http://127.0.0.1:9/moved" });
            Assert.Equal("http://127.0.0.1:9/moved", moved.Url);
            Assert.Equal("http://127.0.0.1:9/moved", (await Identity.Endpoints.GetAsync(endpoint.Id!)).Url);

            RoundTrip.AssertNoKeyLost(await Identity.Http.GetStringAsync("regions/" + regionId), IdentityRegionsJsonContext.Default.RegionEnvelope);
            RoundTrip.AssertNoKeyLost(await Identity.Http.GetStringAsync("services/" + service.Id), IdentityServicesJsonContext.Default.ServiceEntryEnvelope);
            RoundTrip.AssertNoKeyLost(await Identity.Http.GetStringAsync("endpoints"), IdentityEndpointsJsonContext.Default.EndpointListPage);
            RoundTrip.AssertNoKeyLost(await Identity.Http.GetStringAsync("regions"), IdentityRegionsJsonContext.Default.RegionListPage);
        }
        finally
        {
            if (endpoint is not null) await Quietly(() => Identity.Endpoints.DeleteAsync(endpoint.Id!));
            if (service is not null) await Quietly(() => Identity.Services.DeleteAsync(service.Id!));
            await Quietly(() => Identity.Regions.DeleteAsync(regionId));
        }
        Assert.Equal(404, (await Assert.ThrowsAsync<OpenStackException>(() => Identity.Regions.GetAsync(regionId))).Status);
        if (endpoint is not null)
            Assert.Equal(404, (await Assert.ThrowsAsync<OpenStackException>(() => Identity.Endpoints.GetAsync(endpoint.Id!))).Status);
    }

    [SkippableFact]
    public async Task Application_credential_authenticates_and_its_secret_never_prints()
    {
        var token = _cloud.Client.Connection.Token;
        var userId = token.UserId!;
        var name = CloudFixture.UniqueName("sdk-test-appcred");
        var expires = DateTimeOffset.UtcNow.AddHours(2);
        var credential = await Identity.ApplicationCredentials.CreateAsync(userId, new ApplicationCredentialCreateOptions
        {
            Name = name,
            Description = "SDK test application credential",
            ExpiresAt = expires,
        });
        try
        {
            Assert.Equal(name, credential.Name);
            Assert.False(string.IsNullOrEmpty(credential.Secret));
            Assert.DoesNotContain(credential.Secret!, credential.ToString());
            Assert.Equal(token.ProjectId, credential.ProjectId);
            Assert.Contains(credential.Roles!, r => r.Name == "admin");
            Assert.True(Math.Abs((credential.ExpiresAt!.Value - expires).TotalSeconds) < 1);

            // The secret is returned once: reading it back has no secret.
            var fetched = await Identity.ApplicationCredentials.GetAsync(userId, credential.Id!);
            Assert.Null(fetched.Secret);
            var listed = await Identity.ApplicationCredentials.ListAsync(userId, new ApplicationCredentialListOptions { Name = name }).ToListAsync();
            Assert.Equal(credential.Id, Assert.Single(listed).Id);
            RoundTrip.AssertNoKeyLost(await Identity.Http.GetStringAsync($"users/{userId}/application_credentials/{credential.Id}"),
                IdentityApplicationCredentialsJsonContext.Default.ApplicationCredentialEnvelope);
            RoundTrip.AssertNoKeyLost(await Identity.Http.GetStringAsync($"users/{userId}/application_credentials"),
                IdentityApplicationCredentialsJsonContext.Default.ApplicationCredentialListPage);

            // It really authenticates, as the user on the credential's project, and the client works with it.
            var settings = CloudFixture.Options();
            var options = new OpenStackClientOptions
            {
                AuthUrl = settings.AuthUrl,
                AuthType = "v3applicationcredential",
                ApplicationCredentialId = credential.Id,
                ApplicationCredentialSecret = credential.Secret,
                RegionName = settings.RegionName,
            };
            Assert.DoesNotContain(credential.Secret!, options.ToString());
            using (var asApp = await OpenStackClient.ConnectAsync(options))
            {
                Assert.Equal(userId, asApp.Connection.Token.UserId);
                Assert.Equal(token.ProjectId, asApp.Connection.Token.ProjectId);
                var self = await asApp.Identity.Projects.GetAsync(token.ProjectId!);
                Assert.Equal(token.ProjectId, self.Id);
            }

            var wrong = await Assert.ThrowsAsync<OpenStackException>(() => OpenStackConnection.ConnectAsync(new OpenStackClientOptions
            {
                AuthUrl = settings.AuthUrl,
                AuthType = "v3applicationcredential",
                ApplicationCredentialId = credential.Id,
                ApplicationCredentialSecret = "not-the-secret",
            }));
            Assert.Equal(401, wrong.Status);
            Assert.DoesNotContain("not-the-secret", wrong.Message);
        }
        finally
        {
            await Quietly(() => Identity.ApplicationCredentials.DeleteAsync(userId, credential.Id!));
        }
        Assert.Equal(404, (await Assert.ThrowsAsync<OpenStackException>(() => Identity.ApplicationCredentials.GetAsync(userId, credential.Id!))).Status);
        var revoked = await Assert.ThrowsAsync<OpenStackException>(() => OpenStackConnection.ConnectAsync(new OpenStackClientOptions
        {
            AuthUrl = CloudFixture.Options().AuthUrl,
            AuthType = "v3applicationcredential",
            ApplicationCredentialId = credential.Id,
            ApplicationCredentialSecret = credential.Secret,
        }));
        // Keystone answers a deleted credential with 404 (it is looked up before the secret is checked).
        Assert.Equal(404, revoked.Status);
        Assert.Contains(credential.Id!, revoked.ServerMessage);
        Assert.DoesNotContain(credential.Secret!, revoked.Message);
    }
}

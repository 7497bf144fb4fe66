using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OpenStack.Identity.V3;
using OpenStack.Json;
using OpenStack.Tests.Integration;
using Xunit;

namespace OpenStack.Tests.Identity.V3;

/// <summary>Keystone v3 projects and users on the real local cloud (specs/identity/v3/*.yaml).</summary>
[Collection(CloudCollection.Name)]
[Trait("Category", "Integration")]
public sealed class IdentityIntegrationTests
{
    private readonly CloudFixture _cloud;

    public IdentityIntegrationTests(CloudFixture cloud) => _cloud = cloud;

    private IdentityService Identity => _cloud.Client.Identity;

    [SkippableFact]
    public async Task Project_lifecycle_with_filters()
    {
        var name = CloudFixture.UniqueName("sdk-proj");
        var project = await Identity.Projects.CreateAsync(new ProjectCreateOptions
        {
            Name = name,
            Description = "created by the SDK tests",
            DomainId = "default",
            Tags = new List<string> { "sdk-test" },
        });
        try
        {
            Assert.Equal(name, project.Name);
            Assert.Equal("default", project.DomainId);
            Assert.True(project.Enabled);

            var found = new List<Project>();
            await foreach (var p in Identity.Projects.ListAsync(new ProjectListOptions { Name = name, DomainId = "default" }))
                found.Add(p);
            Assert.Equal(project.Id, Assert.Single(found).Id);

            var updated = await Identity.Projects.UpdateAsync(project.Id!, new ProjectUpdateOptions { Description = "changed", Enabled = false });
            Assert.Equal("changed", updated.Description);
            Assert.False(updated.Enabled);

            var disabled = new List<Project>();
            await foreach (var p in Identity.Projects.ListAsync(new ProjectListOptions { Name = name, Enabled = false }))
                disabled.Add(p);
            Assert.Single(disabled);

            var fetched = await Identity.Projects.GetAsync(project.Id!);
            Assert.Equal(new[] { "sdk-test" }, fetched.Tags);
        }
        finally
        {
            await Identity.Projects.DeleteAsync(project.Id!);
        }
        var gone = await Assert.ThrowsAsync<OpenStackException>(() => Identity.Projects.GetAsync(project.Id!));
        Assert.Equal(404, gone.Status);
        Assert.Contains(project.Id!, gone.ServerMessage);
        Assert.False(string.IsNullOrEmpty(gone.RequestId));
    }

    [SkippableFact]
    public async Task Listing_projects_sees_the_bootstrap_projects()
    {
        var names = new List<string>();
        await foreach (var p in Identity.Projects.ListAsync()) names.Add(p.Name!);
        Assert.Contains("admin", names);
    }

    [SkippableFact]
    public async Task User_lifecycle_password_works_and_never_prints()
    {
        var name = CloudFixture.UniqueName("sdk-user");
        const string password = "s3cret-Pa55-for-test";
        var options = new UserCreateOptions
        {
            Name = name,
            DomainId = "default",
            Password = password,
            Description = "SDK test user",
        }.SetProperty("email", name + "@example.org");
        Assert.DoesNotContain(password, options.ToString());
        var user = await Identity.Users.CreateAsync(options);
        try
        {
            Assert.Equal(name, user.Name);
            Assert.Equal(name + "@example.org", user.AdditionalProperties.GetString("email"));
            Assert.DoesNotContain(password, user.ToString());

            // The password really was set: it authenticates (unscoped: the user has no role anywhere).
            var settings = CloudFixture.Options();
            using (var asUser = await OpenStackConnection.ConnectAsync(new OpenStackClientOptions
            {
                AuthUrl = settings.AuthUrl,
                Username = name,
                UserDomainName = "Default",
                Password = password,
            }))
            {
                Assert.Equal(user.Id, asUser.Token.UserId);
            }

            var updated = await Identity.Users.UpdateAsync(user.Id!, new UserUpdateOptions { Description = "renamed", Enabled = false });
            Assert.Equal("renamed", updated.Description);
            Assert.False(updated.Enabled);

            var listed = new List<User>();
            await foreach (var u in Identity.Users.ListAsync(new UserListOptions { Name = name, DomainId = "default" }))
                listed.Add(u);
            Assert.Equal(user.Id, Assert.Single(listed).Id);
        }
        finally
        {
            await Identity.Users.DeleteAsync(user.Id!);
        }
    }

    [SkippableFact]
    public async Task Real_project_and_user_keep_every_key_through_the_typed_records()
    {
        var project = _cloud.Client.Connection.Token.ProjectId!;
        var raw = await Identity.Http.GetStringAsync("projects/" + project);
        RoundTrip.AssertNoKeyLost(raw, IdentityProjectsJsonContext.Default.ProjectEnvelope);
        var users = await Identity.Http.GetStringAsync("users");
        RoundTrip.AssertNoKeyLost(users, IdentityUsersJsonContext.Default.UserListPage);
    }

    [SkippableFact]
    public async Task Wrong_password_is_an_OpenStackException_with_keystones_message()
    {
        _ = _cloud.Client; // skips (or fails under CI) when there is no cloud
        var settings = CloudFixture.Options();
        var error = await Assert.ThrowsAsync<OpenStackException>(() => OpenStackConnection.ConnectAsync(new OpenStackClientOptions
        {
            AuthUrl = settings.AuthUrl,
            Username = "admin",
            UserDomainName = "Default",
            Password = "definitely-wrong",
            ProjectName = "admin",
            ProjectDomainName = "Default",
        }));
        Assert.Equal(401, error.Status);
        Assert.False(string.IsNullOrEmpty(error.ServerMessage));
        Assert.DoesNotContain("definitely-wrong", error.Message);
    }
}

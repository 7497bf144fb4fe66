using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OpenStack.Auth;
using OpenStack.Catalog;
using OpenStack.Tests.Integration;
using Xunit;

namespace OpenStack.Tests.Identity.V3;

/// <summary>
/// Every Keystone v3 method and scope Zed supports, against the real local Keystone: application
/// credentials, trusts, domain, system and unscoped tokens, token re-scoping and version discovery.
/// What a test creates it removes. (TOTP is not enabled in the local Keystone; it is covered by
/// Core/Auth/TotpTests against a fake.)
/// </summary>
[Collection(CloudCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AuthIntegrationTests
{
    private const string AppSecret = "appcred-SECRET-integration-5e1b";

    private readonly CloudFixture _cloud;

    public AuthIntegrationTests(CloudFixture cloud) => _cloud = cloud;

    /// <summary>The admin connection's Keystone client (base …/v3/), for setup the generated clients do not cover.</summary>
    private HttpClient Keystone => _cloud.Client.Identity.Http;

    private AuthToken Admin => _cloud.Client.Connection.Token;

    private static Uri AuthUrl => CloudFixture.Options().AuthUrl!;

    private static string AdminName => CloudFixture.Options().Username ?? "admin";

    private static string AdminPassword => CloudFixture.Options().Password ?? "admin";

    private static string DemoPassword => Environment.GetEnvironmentVariable("DEVCLOUD_DEMO_PASSWORD") is { Length: > 0 } p ? p : "demo";

    [SkippableFact]
    public async Task Application_credential_authenticates_by_id_and_by_name_with_its_user()
    {
        string adminId = Admin.UserId!;
        string name = CloudFixture.UniqueName("sdk-appcred");
        using JsonDocument created = await SendJsonAsync(HttpMethod.Post, $"users/{adminId}/application_credentials",
            $$$"""{"application_credential": {"name": "{{{name}}}", "secret": "{{{AppSecret}}}", "description": "SDK auth test"}}""");
        string id = created.RootElement.GetProperty("application_credential").GetProperty("id").GetString()!;
        try
        {
            var byId = new OpenStackClientOptions { AuthUrl = AuthUrl, ApplicationCredentialId = id, ApplicationCredentialSecret = AppSecret };
            Assert.IsType<KeystoneApplicationCredentialAuth>(AuthMethodFactory.Create(byId));
            using (OpenStackConnection connection = await OpenStackConnection.ConnectAsync(byId))
            {
                Assert.Equal(id, connection.Token.ApplicationCredentialId);
                Assert.Equal(["application_credential"], connection.Token.Methods);
                Assert.Equal(Admin.ProjectId, connection.Token.ProjectId);
                Assert.Equal(adminId, connection.Token.UserId);

                // The token is usable: the catalog has Keystone and the credential may list projects.
                using var client = new OpenStackClient(connection);
                var projects = new List<string>();
                await foreach (var project in client.Identity.Projects.ListAsync())
                {
                    projects.Add(project.Name!);
                }

                Assert.Contains("admin", projects);
                Assert.DoesNotContain(AppSecret, byId.ToString(), StringComparison.Ordinal);
            }

            var byNameAndUserId = new OpenStackClientOptions
            {
                AuthUrl = AuthUrl,
                ApplicationCredentialName = name,
                ApplicationCredentialSecret = AppSecret,
                UserId = adminId,
            };
            using (OpenStackConnection connection = await OpenStackConnection.ConnectAsync(byNameAndUserId))
            {
                Assert.Equal(id, connection.Token.ApplicationCredentialId);
            }

            var byNameAndUserName = new OpenStackClientOptions
            {
                AuthUrl = AuthUrl,
                ApplicationCredentialName = name,
                ApplicationCredentialSecret = AppSecret,
                Username = AdminName,
                UserDomainName = "Default",
            };
            using (OpenStackConnection connection = await OpenStackConnection.ConnectAsync(byNameAndUserName))
            {
                Assert.Equal(id, connection.Token.ApplicationCredentialId);
            }

            var wrongSecret = new OpenStackClientOptions { AuthUrl = AuthUrl, ApplicationCredentialId = id, ApplicationCredentialSecret = "wrong-" + AppSecret };
            var rejected = await Assert.ThrowsAsync<OpenStackException>(() => OpenStackConnection.ConnectAsync(wrongSecret));
            Assert.Equal(401, rejected.Status);
            Assert.DoesNotContain(AppSecret, rejected.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            using HttpResponseMessage deleted = await Keystone.DeleteAsync(new Uri($"users/{adminId}/application_credentials/{id}", UriKind.Relative));
        }
    }

    [SkippableFact]
    public async Task A_trustee_gets_a_trust_scoped_token_on_the_trustors_project()
    {
        string demoId = await UserIdAsync("demo");
        using JsonDocument created = await SendJsonAsync(HttpMethod.Post, "OS-TRUST/trusts", $$$"""
            {"trust": {"trustor_user_id": "{{{Admin.UserId}}}", "trustee_user_id": "{{{demoId}}}", "project_id": "{{{Admin.ProjectId}}}",
                       "impersonation": false, "roles": [{"name": "member"}]}}
            """);
        string trustId = created.RootElement.GetProperty("trust").GetProperty("id").GetString()!;
        try
        {
            var options = new OpenStackClientOptions
            {
                AuthUrl = AuthUrl,
                Username = "demo",
                UserDomainName = "Default",
                Password = DemoPassword,
                TrustId = trustId,
            };

            using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(options);

            Assert.Equal(trustId, connection.Token.TrustId);
            Assert.Equal(demoId, connection.Token.UserId);
            Assert.Equal(Admin.ProjectId, connection.Token.ProjectId);
            Assert.Contains("member", connection.Token.Roles);
            Assert.Contains(connection.Catalog.Services, s => s.Type == "identity");
        }
        finally
        {
            using HttpResponseMessage deleted = await Keystone.DeleteAsync(new Uri($"OS-TRUST/trusts/{trustId}", UriKind.Relative));
        }
    }

    [SkippableFact]
    public async Task A_role_on_the_domain_gives_a_domain_scoped_token()
    {
        string adminId = Admin.UserId!;
        string roleId = await RoleIdAsync("admin");
        var assignment = new Uri($"domains/default/users/{adminId}/roles/{roleId}", UriKind.Relative);
        bool alreadyAssigned = await ExistsAsync(assignment);
        if (!alreadyAssigned)
        {
            using HttpResponseMessage granted = await Keystone.PutAsync(assignment, null);
        }

        try
        {
            using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(new OpenStackClientOptions
            {
                AuthUrl = AuthUrl,
                UserId = adminId,
                Password = AdminPassword,
                DomainName = "Default",
            });

            Assert.Equal("default", connection.Token.DomainId);
            Assert.Equal("Default", connection.Token.DomainName);
            Assert.Null(connection.Token.ProjectId);
            Assert.Contains("admin", connection.Token.Roles);
        }
        finally
        {
            if (!alreadyAssigned)
            {
                using HttpResponseMessage revoked = await Keystone.DeleteAsync(assignment);
            }
        }
    }

    [SkippableFact]
    public async Task The_bootstrap_admin_gets_a_system_scoped_token()
    {
        _ = _cloud.Client;

        using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(new OpenStackClientOptions
        {
            AuthUrl = AuthUrl,
            Username = AdminName,
            UserDomainName = "Default",
            Password = AdminPassword,
            SystemScope = "all",
        });

        Assert.Equal("all", connection.Token.SystemScope);
        Assert.Null(connection.Token.ProjectId);
        Assert.Null(connection.Token.DomainId);
        Assert.Contains("admin", connection.Token.Roles);
        Assert.Contains(connection.Catalog.Services, s => s.Type == "identity");
    }

    [SkippableFact]
    public async Task An_unscoped_token_is_re_scoped_to_a_project_with_token_auth()
    {
        _ = _cloud.Client;
        using OpenStackConnection unscoped = await OpenStackConnection.ConnectAsync(new OpenStackClientOptions
        {
            AuthUrl = AuthUrl,
            Username = AdminName,
            UserDomainName = "Default",
            Password = AdminPassword,
        });
        Assert.Null(unscoped.Token.ProjectId);
        Assert.Null(unscoped.Token.DomainId);
        Assert.Null(unscoped.Token.SystemScope);
        Assert.Empty(unscoped.Catalog.Services);

        var rescope = new OpenStackClientOptions
        {
            AuthUrl = AuthUrl,
            Token = unscoped.Token.Value,
            ProjectName = "admin",
            ProjectDomainName = "Default",
        };
        Assert.False(AuthMethodFactory.Create(rescope).CanRefresh);
        using OpenStackConnection scoped = await OpenStackConnection.ConnectAsync(rescope);

        Assert.Equal("admin", scoped.Token.ProjectName);
        Assert.Equal(unscoped.Token.UserId, scoped.Token.UserId);
        Assert.Contains("token", scoped.Token.Methods);
        Assert.NotEqual(unscoped.Token.Value, scoped.Token.Value);
        Assert.Equal(unscoped.Token.ExpiresAt, scoped.Token.ExpiresAt);
        Assert.NotNull(scoped.Catalog.FindEndpoint("image", [], "RegionOne", "public"));
        Assert.DoesNotContain(unscoped.Token.Value, rescope.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(unscoped.Token.Value, scoped.Token.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_real_keystone_root_offers_only_v3_and_discovery_uses_it()
    {
        _ = _cloud.Client;
        Uri root = new(AuthUrl.GetLeftPart(UriPartial.Authority) + "/");

        // Without following the redirect Keystone's own answer is visible: 300 and the version list.
        using (var noRedirect = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }))
        {
            using HttpResponseMessage response = await noRedirect.GetAsync(root);
            Assert.Equal(HttpStatusCode.MultipleChoices, response.StatusCode);
            IReadOnlyList<ApiVersionInfo> versions = VersionDiscovery.Parse(await response.Content.ReadAsStringAsync());
            Assert.All(versions, v => Assert.Equal(3, v.Major));
            Assert.Equal(new KeystoneApi(IdentityVersion.V3, new Uri(root, "v3")), KeystoneDiscovery.Choose(root, versions));
        }

        using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(new OpenStackClientOptions
        {
            AuthUrl = root,
            Username = AdminName,
            UserDomainName = "Default",
            Password = AdminPassword,
            ProjectName = "admin",
            ProjectDomainName = "Default",
        });

        Assert.Equal("admin", connection.Token.ProjectName);
    }

    private async Task<JsonDocument> SendJsonAsync(HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        using HttpResponseMessage response = await Keystone.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private async Task<string> UserIdAsync(string name)
    {
        using JsonDocument users = JsonDocument.Parse(await Keystone.GetStringAsync(new Uri($"users?name={name}&domain_id=default", UriKind.Relative)));
        return users.RootElement.GetProperty("users").EnumerateArray().Single().GetProperty("id").GetString()!;
    }

    private async Task<string> RoleIdAsync(string name)
    {
        using JsonDocument roles = JsonDocument.Parse(await Keystone.GetStringAsync(new Uri($"roles?name={name}", UriKind.Relative)));
        return roles.RootElement.GetProperty("roles").EnumerateArray().Single().GetProperty("id").GetString()!;
    }

    private async Task<bool> ExistsAsync(Uri uri)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, uri);
            using HttpResponseMessage response = await Keystone.SendAsync(request, CancellationToken.None);
            return true;
        }
        catch (OpenStackException ex) when (ex.Status == 404)
        {
            return false;
        }
    }
}

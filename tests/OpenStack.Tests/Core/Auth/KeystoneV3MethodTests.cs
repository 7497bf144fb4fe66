using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using OpenStack.Auth;
using OpenStack.Tests.Core.Fakes;
using Xunit;

namespace OpenStack.Tests.Core.Auth;

/// <summary>The Keystone v3 request body of every method and scope, and what is read back from the token.</summary>
public class KeystoneV3MethodTests
{
    private static async Task<RecordedRequest> TokenRequestAsync(Action<OpenStackClientOptions> configure)
    {
        var keystone = new FakeKeystone();
        OpenStackClientOptions options = AuthTestKit.Bare();
        configure(options);
        using OpenStackConnection connection = await AuthTestKit.ConnectAsync(keystone, options);
        RecordedRequest request = Assert.Single(keystone.Handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri("http://127.0.0.1:5000/v3/auth/tokens"), request.Uri);
        Assert.Equal("application/json", request.ContentType);
        return request;
    }

    public static IEnumerable<object[]> Bodies()
    {
        const string pw = AuthTestKit.Password;
        const string tok = AuthTestKit.Token;
        const string sec = AuthTestKit.AppSecret;
        const string code = AuthTestKit.Passcode;

        yield return ["token re-scoped to a project by name",
            (Action<OpenStackClientOptions>)(o => { o.Token = tok; o.ProjectName = "demo"; o.ProjectDomainId = "default"; }),
            AuthTestKit.Fill("""{"auth":{"identity":{"methods":["token"],"token":{"id":"@0@"}},"scope":{"project":{"name":"demo","domain":{"id":"default"}}}}}""", tok)];
        yield return ["token re-scoped to a project by id",
            (Action<OpenStackClientOptions>)(o => { o.AuthType = "v3token"; o.Token = tok; o.ProjectId = "p-1"; }),
            AuthTestKit.Fill("""{"auth":{"identity":{"methods":["token"],"token":{"id":"@0@"}},"scope":{"project":{"id":"p-1"}}}}""", tok)];
        yield return ["token re-scoped to a domain by name",
            (Action<OpenStackClientOptions>)(o => { o.Token = tok; o.DomainName = "Default"; }),
            AuthTestKit.Fill("""{"auth":{"identity":{"methods":["token"],"token":{"id":"@0@"}},"scope":{"domain":{"name":"Default"}}}}""", tok)];
        yield return ["token re-scoped to the system",
            (Action<OpenStackClientOptions>)(o => { o.Token = tok; o.SystemScope = "all"; }),
            AuthTestKit.Fill("""{"auth":{"identity":{"methods":["token"],"token":{"id":"@0@"}},"scope":{"system":{"all":true}}}}""", tok)];
        yield return ["token, unscoped",
            (Action<OpenStackClientOptions>)(o => o.Token = tok),
            AuthTestKit.Fill("""{"auth":{"identity":{"methods":["token"],"token":{"id":"@0@"}}}}""", tok)];
        yield return ["application credential by id",
            (Action<OpenStackClientOptions>)(o => { o.ApplicationCredentialId = "ac-1"; o.ApplicationCredentialSecret = sec; }),
            AuthTestKit.Fill("""{"auth":{"identity":{"methods":["application_credential"],"application_credential":{"id":"ac-1","secret":"@0@"}}}}""", sec)];
        yield return ["application credential by name and user id",
            (Action<OpenStackClientOptions>)(o => { o.ApplicationCredentialName = "ci"; o.ApplicationCredentialSecret = sec; o.UserId = "u-1"; }),
            AuthTestKit.Fill("""{"auth":{"identity":{"methods":["application_credential"],"application_credential":{"name":"ci","user":{"id":"u-1"},"secret":"@0@"}}}}""", sec)];
        yield return ["application credential by name and user name + domain",
            (Action<OpenStackClientOptions>)(o => { o.ApplicationCredentialName = "ci"; o.ApplicationCredentialSecret = sec; o.Username = "demo"; o.UserDomainName = "Default"; }),
            AuthTestKit.Fill("""{"auth":{"identity":{"methods":["application_credential"],"application_credential":{"name":"ci","user":{"name":"demo","domain":{"name":"Default"}},"secret":"@0@"}}}}""", sec)];
        yield return ["totp alone, project scope",
            (Action<OpenStackClientOptions>)(o => { o.Passcode = code; o.Username = "demo"; o.UserDomainName = "Default"; o.ProjectId = "p-1"; }),
            AuthTestKit.Fill("""{"auth":{"identity":{"methods":["totp"],"totp":{"user":{"name":"demo","domain":{"name":"Default"},"passcode":"@0@"}}},"scope":{"project":{"id":"p-1"}}}}""", code)];
        yield return ["password + totp",
            (Action<OpenStackClientOptions>)(o => { o.Password = pw; o.Passcode = code; o.UserId = "u-1"; }),
            AuthTestKit.Fill("""{"auth":{"identity":{"methods":["password","totp"],"password":{"user":{"id":"u-1","password":"@0@"}},"totp":{"user":{"id":"u-1","passcode":"@1@"}}}}}""", pw, code)];
        yield return ["password, trust scope",
            (Action<OpenStackClientOptions>)(o => { o.Password = pw; o.Username = "demo"; o.UserDomainId = "default"; o.TrustId = "tr-1"; }),
            AuthTestKit.Fill("""{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"demo","domain":{"id":"default"},"password":"@0@"}}},"scope":{"OS-TRUST:trust":{"id":"tr-1"}}}}""", pw)];
        yield return ["password, system scope",
            (Action<OpenStackClientOptions>)(o => { o.AuthType = "v3password"; o.Password = pw; o.UserId = "u-1"; o.SystemScope = "all"; }),
            AuthTestKit.Fill("""{"auth":{"identity":{"methods":["password"],"password":{"user":{"id":"u-1","password":"@0@"}}},"scope":{"system":{"all":true}}}}""", pw)];
        yield return ["password, domain scope by id",
            (Action<OpenStackClientOptions>)(o => { o.Password = pw; o.UserId = "u-1"; o.DomainId = "default"; }),
            AuthTestKit.Fill("""{"auth":{"identity":{"methods":["password"],"password":{"user":{"id":"u-1","password":"@0@"}}},"scope":{"domain":{"id":"default"}}}}""", pw)];
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task The_token_request_body_matches_keystone_v3(string name, Action<OpenStackClientOptions> configure, string expected)
    {
        Assert.NotEmpty(name);
        RecordedRequest request = await TokenRequestAsync(configure);
        AuthTestKit.AssertJson(expected, request.Body);
    }

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'.000000Z'", CultureInfo.InvariantCulture);

    private static async Task<AuthToken> TokenFromBodyAsync(string tokenObject, Action<OpenStackClientOptions> configure)
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(
            HttpStatusCode.Created,
            "{\"token\": " + tokenObject + "}",
            ("X-Subject-Token", "tok-issued")));
        OpenStackClientOptions options = AuthTestKit.Bare();
        configure(options);
        using OpenStackConnection connection = await AuthTestKit.ConnectAsync(handler, options);
        return connection.Token;
    }

    [Fact]
    public async Task A_system_scoped_token_says_so_and_keeps_its_catalog()
    {
        AuthToken token = await TokenFromBodyAsync(
            AuthTestKit.Fill("""
            {"methods": ["password"], "user": {"id": "u-1", "name": "admin", "domain": {"id": "default", "name": "Default"}},
             "expires_at": "@0@", "issued_at": "@1@",
             "system": {"all": true}, "roles": [{"id": "r", "name": "admin"}],
             "catalog": [{"type": "identity", "name": "keystone", "id": "s", "endpoints": [{"id": "e", "interface": "public", "region": "RegionOne", "region_id": "RegionOne", "url": "http://127.0.0.1:5000/v3/"}]}]}
            """, Stamp(FakeKeystone.Now.AddHours(1)), Stamp(FakeKeystone.Now)),
            o => { o.UserId = "u-1"; o.Password = AuthTestKit.Password; o.SystemScope = "all"; });

        Assert.Equal("all", token.SystemScope);
        Assert.Null(token.ProjectId);
        Assert.Null(token.DomainId);
        Assert.Equal(["admin"], token.Roles);
        Assert.Equal(["password"], token.Methods);
        Assert.Equal("identity", Assert.Single(token.Catalog.Services).Type);
        Assert.Contains("System=all", token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trust_scoped_token_names_its_trust_and_project()
    {
        AuthToken token = await TokenFromBodyAsync(
            AuthTestKit.Fill("""
            {"methods": ["password"], "user": {"id": "u-demo", "name": "demo"},
             "expires_at": "@0@",
             "OS-TRUST:trust": {"id": "tr-1", "impersonation": false, "trustee_user": {"id": "u-demo"}, "trustor_user": {"id": "u-admin"}},
             "project": {"id": "p-admin", "name": "admin", "domain": {"id": "default", "name": "Default"}},
             "roles": [{"id": "r", "name": "member"}], "catalog": []}
            """, Stamp(FakeKeystone.Now.AddHours(1))),
            o => { o.UserId = "u-demo"; o.Password = AuthTestKit.Password; o.TrustId = "tr-1"; });

        Assert.Equal("tr-1", token.TrustId);
        Assert.Equal("p-admin", token.ProjectId);
        Assert.Contains("Trust=tr-1", token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_application_credential_token_names_the_credential()
    {
        AuthToken token = await TokenFromBodyAsync(
            AuthTestKit.Fill("""
            {"methods": ["application_credential"], "user": {"id": "u-1", "name": "admin"},
             "expires_at": "@0@",
             "application_credential": {"id": "ac-1", "name": "ci", "restricted": true},
             "project": {"id": "p-1", "name": "admin", "domain": {"id": "default", "name": "Default"}}, "catalog": []}
            """, Stamp(FakeKeystone.Now.AddHours(1))),
            o => { o.ApplicationCredentialId = "ac-1"; o.ApplicationCredentialSecret = AuthTestKit.AppSecret; });

        Assert.Equal("ac-1", token.ApplicationCredentialId);
        Assert.Equal(["application_credential"], token.Methods);
        Assert.Equal("p-1", token.ProjectId);
    }

    [Fact]
    public async Task Application_credential_tokens_are_renewed_ahead_of_expiry()
    {
        var keystone = new FakeKeystone();
        OpenStackClientOptions options = AuthTestKit.Bare();
        options.ApplicationCredentialId = "ac-1";
        options.ApplicationCredentialSecret = AuthTestKit.AppSecret;
        using OpenStackConnection connection = await AuthTestKit.ConnectAsync(keystone, options);

        keystone.Clock.Advance(TimeSpan.FromMinutes(59));

        Assert.Equal("token-2", (await connection.GetTokenAsync()).Value);
        Assert.All(keystone.Handler.Requests, r => Assert.Contains("application_credential", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_exchange_is_not_renewed_early_and_an_expired_token_asks_for_a_new_one()
    {
        int calls = 0;
        var handler = new FakeHttpHandler(_ => ++calls == 1
            ? FakeHttpHandler.Json(HttpStatusCode.Created, FakeKeystone.TokenBody(FakeKeystone.Now, FakeKeystone.Now.AddHours(1)), ("X-Subject-Token", "tok-scoped"))
            : FakeHttpHandler.Json(HttpStatusCode.NotFound, """{"error":{"code":404,"message":"Could not find token: tok-SECRET-9a7e.","title":"Not Found"}}"""));
        var clock = new ManualTimeProvider(FakeKeystone.Now);
        OpenStackClientOptions options = AuthTestKit.Bare();
        options.Token = AuthTestKit.Token;
        options.ProjectId = "p-456";
        using OpenStackConnection connection = await AuthTestKit.ConnectAsync(handler, options, clock);

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal("tok-scoped", (await connection.GetTokenAsync()).Value);
        Assert.Equal(1, calls);

        clock.Advance(TimeSpan.FromMinutes(2));
        var ex = await Assert.ThrowsAsync<ReauthenticationRequiredException>(() => connection.GetTokenAsync());
        Assert.Equal(2, calls);
        Assert.Contains("Token (OS_TOKEN)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Could not find token: ***", ex.Message, StringComparison.Ordinal);
        Assert.IsType<OpenStackException>(ex.InnerException);
        AuthTestKit.AssertNoSecret(ex.ToString());
    }

    [Fact]
    public async Task Method_descriptions_name_the_user_but_no_secret()
    {
        IAuthMethod[] methods =
        [
            new KeystonePasswordAuth(With(o => { o.Username = "demo"; o.UserDomainName = "Default"; o.Password = AuthTestKit.Password; o.ProjectName = "demo"; o.ProjectDomainName = "Default"; })),
            new KeystoneTokenAuth(With(o => o.Token = AuthTestKit.Token)),
            new KeystoneApplicationCredentialAuth(With(o => { o.ApplicationCredentialId = "ac-1"; o.ApplicationCredentialSecret = AuthTestKit.AppSecret; })),
            new KeystoneTotpAuth(With(o => { o.UserId = "u-1"; o.Password = AuthTestKit.Password; o.Passcode = AuthTestKit.Passcode; })),
            new StaticTokenAuth(AuthTestKit.Token, expiresAt: FakeKeystone.Now),
            new NoAuth(),
        ];

        foreach (IAuthMethod method in methods)
        {
            AuthTestKit.AssertNoSecret(method.ToString());
        }

        Assert.Contains("demo", methods[0].ToString(), StringComparison.Ordinal);
        Assert.Contains("Password=***", methods[0].ToString(), StringComparison.Ordinal);
        Assert.Contains("Passcode=***", methods[3].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_and_the_credential_snapshot_print_every_secret_as_stars()
    {
        OpenStackClientOptions options = With(o =>
        {
            o.Password = AuthTestKit.Password;
            o.Token = AuthTestKit.Token;
            o.ApplicationCredentialSecret = AuthTestKit.AppSecret;
            o.Passcode = AuthTestKit.Passcode;
        });

        AuthTestKit.AssertNoSecret(options.ToString());
        AuthTestKit.AssertNoSecret(KeystoneCredentials.From(options).ToString());
        Assert.Equal(4, KeystoneCredentials.From(options).ToString().Split("***").Length - 1);
    }

    private static OpenStackClientOptions With(Action<OpenStackClientOptions> configure)
    {
        OpenStackClientOptions options = AuthTestKit.Bare();
        configure(options);
        return options;
    }
}

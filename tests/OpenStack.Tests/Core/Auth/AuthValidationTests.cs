using System;
using System.Collections.Generic;
using OpenStack.Auth;
using Xunit;

namespace OpenStack.Tests.Core.Auth;

/// <summary>Validate() accepts each supported method and scope, and names the keys of what is missing or contradictory.</summary>
public class AuthValidationTests
{
    private static OpenStackClientOptions With(Action<OpenStackClientOptions> configure)
    {
        OpenStackClientOptions options = AuthTestKit.Bare();
        configure(options);
        return options;
    }

    public static IEnumerable<object[]> ValidConfigurations()
    {
        yield return ["password, user id, unscoped", (Action<OpenStackClientOptions>)(o => { o.UserId = "u"; o.Password = AuthTestKit.Password; }), typeof(KeystonePasswordAuth)];
        yield return ["password, system scope", (Action<OpenStackClientOptions>)(o => { o.UserId = "u"; o.Password = AuthTestKit.Password; o.SystemScope = "all"; }), typeof(KeystonePasswordAuth)];
        yield return ["password, trust scope", (Action<OpenStackClientOptions>)(o => { o.UserId = "u"; o.Password = AuthTestKit.Password; o.TrustId = "t"; }), typeof(KeystonePasswordAuth)];
        yield return ["password, domain id scope", (Action<OpenStackClientOptions>)(o => { o.UserId = "u"; o.Password = AuthTestKit.Password; o.DomainId = "default"; }), typeof(KeystonePasswordAuth)];
        yield return ["token, unscoped", (Action<OpenStackClientOptions>)(o => o.Token = AuthTestKit.Token), typeof(KeystoneTokenAuth)];
        yield return ["token, project name", (Action<OpenStackClientOptions>)(o => { o.Token = AuthTestKit.Token; o.ProjectName = "p"; o.ProjectDomainId = "default"; }), typeof(KeystoneTokenAuth)];
        yield return ["token with AuthType v3token", (Action<OpenStackClientOptions>)(o => { o.AuthType = "v3token"; o.Token = AuthTestKit.Token; o.SystemScope = "all"; }), typeof(KeystoneTokenAuth)];
        yield return ["app credential by id", (Action<OpenStackClientOptions>)(o => { o.ApplicationCredentialId = "ac"; o.ApplicationCredentialSecret = AuthTestKit.AppSecret; }), typeof(KeystoneApplicationCredentialAuth)];
        yield return ["app credential by name + user id", (Action<OpenStackClientOptions>)(o => { o.ApplicationCredentialName = "ac"; o.ApplicationCredentialSecret = AuthTestKit.AppSecret; o.UserId = "u"; }), typeof(KeystoneApplicationCredentialAuth)];
        yield return ["app credential, AuthType v3applicationcredential", (Action<OpenStackClientOptions>)(o => { o.AuthType = "v3applicationcredential"; o.ApplicationCredentialId = "ac"; o.ApplicationCredentialSecret = AuthTestKit.AppSecret; }), typeof(KeystoneApplicationCredentialAuth)];
        yield return ["totp", (Action<OpenStackClientOptions>)(o => { o.Passcode = AuthTestKit.Passcode; o.Username = "u"; o.UserDomainName = "Default"; }), typeof(KeystoneTotpAuth)];
        yield return ["password + totp", (Action<OpenStackClientOptions>)(o => { o.AuthType = "v3multifactor"; o.Password = AuthTestKit.Password; o.Passcode = AuthTestKit.Passcode; o.UserId = "u"; }), typeof(KeystoneTotpAuth)];
        yield return ["v2 password with tenant name and no domains", (Action<OpenStackClientOptions>)(o => { o.AuthUrl = new Uri("http://k:5000/"); o.IdentityApiVersion = "2.0"; o.Username = "u"; o.Password = AuthTestKit.Password; o.ProjectName = "t"; }), typeof(KeystonePasswordAuth)];
        yield return ["v2token by AuthType", (Action<OpenStackClientOptions>)(o => { o.AuthUrl = new Uri("http://k:5000/"); o.AuthType = "v2token"; o.Token = AuthTestKit.Token; o.ProjectId = "t"; }), typeof(KeystoneTokenAuth)];
        yield return ["none without auth url", (Action<OpenStackClientOptions>)(o => { o.AuthUrl = null; o.AuthType = "none"; }), typeof(NoAuth)];
        yield return ["admin_token without auth url", (Action<OpenStackClientOptions>)(o => { o.AuthUrl = null; o.AuthType = "admin_token"; o.Token = AuthTestKit.Token; }), typeof(StaticTokenAuth)];
        yield return ["token_endpoint alias", (Action<OpenStackClientOptions>)(o => { o.AuthType = "token_endpoint"; o.Token = AuthTestKit.Token; }), typeof(StaticTokenAuth)];
    }

    [Theory]
    [MemberData(nameof(ValidConfigurations))]
    public void Supported_methods_validate_and_the_factory_builds_the_matching_method(string name, Action<OpenStackClientOptions> configure, Type expected)
    {
        Assert.NotEmpty(name);
        OpenStackClientOptions options = With(configure);

        options.Validate();

        Assert.IsType(expected, AuthMethodFactory.Create(options));
    }

    public static IEnumerable<object[]> InvalidConfigurations()
    {
        // Contradictory scopes.
        yield return [(Action<OpenStackClientOptions>)(o => { o.UserId = "u"; o.Password = "p"; o.TrustId = "t"; o.ProjectId = "p"; }), new[] { "TrustId", "ProjectId" }];
        yield return [(Action<OpenStackClientOptions>)(o => { o.UserId = "u"; o.Password = "p"; o.SystemScope = "all"; o.DomainName = "Default"; }), new[] { "SystemScope", "DomainName" }];
        yield return [(Action<OpenStackClientOptions>)(o => { o.UserId = "u"; o.Password = "p"; o.SystemScope = "all"; o.TrustId = "t"; }), new[] { "SystemScope", "TrustId" }];
        yield return [(Action<OpenStackClientOptions>)(o => { o.Token = "t"; o.DomainId = "d"; o.ProjectName = "p"; o.ProjectDomainId = "d"; }), new[] { "ProjectName", "DomainId" }];
        yield return [(Action<OpenStackClientOptions>)(o => { o.UserId = "u"; o.Password = "p"; o.SystemScope = "project"; }), new[] { "SystemScope", "'all'" }];

        // Missing pieces.
        yield return [(Action<OpenStackClientOptions>)(o => { o.ApplicationCredentialName = "ac"; o.ApplicationCredentialSecret = "s"; }), new[] { "ApplicationCredentialName", "UserId", "Username" }];
        yield return [(Action<OpenStackClientOptions>)(o => { o.ApplicationCredentialName = "ac"; o.ApplicationCredentialSecret = "s"; o.Username = "u"; }), new[] { "UserDomainName", "UserDomainId" }];
        yield return [(Action<OpenStackClientOptions>)(o => o.ApplicationCredentialId = "ac"), new[] { "ApplicationCredentialSecret" }];
        yield return [(Action<OpenStackClientOptions>)(o => o.ApplicationCredentialSecret = "s"), new[] { "ApplicationCredentialId", "ApplicationCredentialName" }];
        yield return [(Action<OpenStackClientOptions>)(o => o.AuthType = "token"), new[] { "Token" }];
        yield return [(Action<OpenStackClientOptions>)(o => o.AuthType = "v3token"), new[] { "Token", "OS_TOKEN" }];
        yield return [(Action<OpenStackClientOptions>)(o => o.AuthType = "admin_token"), new[] { "Token" }];
        yield return [(Action<OpenStackClientOptions>)(o => o.Passcode = "1"), new[] { "Username", "UserId" }];
        yield return [(Action<OpenStackClientOptions>)(o => { o.AuthType = "v3totp"; o.UserId = "u"; }), new[] { "Passcode" }];
        yield return [(Action<OpenStackClientOptions>)(o => { o.AuthType = "v3multifactor"; o.UserId = "u"; o.Passcode = "1"; }), new[] { "Password" }];
        yield return [(Action<OpenStackClientOptions>)(o => { o.AuthType = "password"; o.UserId = "u"; }), new[] { "Password", "OS_PASSWORD" }];
        yield return [(Action<OpenStackClientOptions>)(o => { }), new[] { "Password", "Token", "ApplicationCredentialSecret", "none" }];
        yield return [(Action<OpenStackClientOptions>)(o => { o.AuthUrl = null; o.Token = "t"; }), new[] { "AuthUrl" }];
        yield return [(Action<OpenStackClientOptions>)(o => { o.Token = "t"; o.ProjectName = "p"; }), new[] { "ProjectName", "ProjectDomainName" }];

        // Two methods at once.
        yield return [(Action<OpenStackClientOptions>)(o => { o.Token = "t"; o.Password = "p"; o.UserId = "u"; }), new[] { "Token", "Password" }];
        yield return [(Action<OpenStackClientOptions>)(o => { o.ApplicationCredentialId = "ac"; o.ApplicationCredentialSecret = "s"; o.Password = "p"; }), new[] { "ApplicationCredentialId", "Password" }];
        yield return [(Action<OpenStackClientOptions>)(o => { o.AuthType = "v3applicationcredential"; o.ApplicationCredentialId = "ac"; o.ApplicationCredentialSecret = "s"; o.Password = "p"; }), new[] { "Password", "v3applicationcredential" }];
        yield return [(Action<OpenStackClientOptions>)(o => { o.AuthType = "none"; o.Password = "p"; }), new[] { "Password", "none" }];
        yield return [(Action<OpenStackClientOptions>)(o => { o.ApplicationCredentialId = "ac"; o.ApplicationCredentialName = "n"; o.ApplicationCredentialSecret = "s"; o.UserId = "u"; }), new[] { "ApplicationCredentialId", "ApplicationCredentialName" }];

        // Application credentials carry their own scope.
        yield return [(Action<OpenStackClientOptions>)(o => { o.ApplicationCredentialId = "ac"; o.ApplicationCredentialSecret = "s"; o.ProjectId = "p"; }), new[] { "ProjectId", "application credential" }];

        // Versions.
        yield return [(Action<OpenStackClientOptions>)(o => { o.IdentityApiVersion = "4"; o.Token = "t"; }), new[] { "IdentityApiVersion", "'4'" }];
        yield return [(Action<OpenStackClientOptions>)(o => { o.IdentityApiVersion = "2.0"; o.Token = "t"; }), new[] { "AuthUrl", "IdentityApiVersion" }];
        yield return [(Action<OpenStackClientOptions>)(o => { o.AuthUrl = new Uri("http://k:5000/"); o.AuthType = "v2password"; o.IdentityApiVersion = "3"; o.Username = "u"; o.Password = "p"; }), new[] { "v2password", "IdentityApiVersion" }];
        yield return [(Action<OpenStackClientOptions>)(o => { o.AuthUrl = new Uri("http://k:5000/v2.0"); o.ApplicationCredentialId = "ac"; o.ApplicationCredentialSecret = "s"; }), new[] { "application credential", "v3", "AuthUrl" }];
        yield return [(Action<OpenStackClientOptions>)(o => { o.AuthUrl = new Uri("http://k:5000/v2.0"); o.Username = "u"; o.Password = "p"; o.DomainName = "Default"; }), new[] { "v2.0", "DomainName" }];
        yield return [(Action<OpenStackClientOptions>)(o => { o.AuthUrl = new Uri("http://k:5000/v2.0"); o.Username = "u"; o.Password = "p"; o.TrustId = "t"; }), new[] { "v2.0", "TrustId" }];
        yield return [(Action<OpenStackClientOptions>)(o => { o.AuthType = "kerberos"; }), new[] { "AuthType", "kerberos", "v3applicationcredential" }];
    }

    [Theory]
    [MemberData(nameof(InvalidConfigurations))]
    public void Missing_or_contradictory_settings_are_named(Action<OpenStackClientOptions> configure, string[] named)
    {
        OpenStackClientOptions options = With(configure);

        var ex = Assert.Throws<OpenStackConfigurationException>(options.Validate);

        Assert.All(named, key => Assert.Contains(key, ex.Message, StringComparison.Ordinal));
        Assert.Throws<OpenStackConfigurationException>(() => AuthMethodFactory.Create(options));
    }

    [Fact]
    public void Validation_messages_never_quote_a_secret()
    {
        OpenStackClientOptions[] broken =
        [
            With(o => { o.Token = AuthTestKit.Token; o.Password = AuthTestKit.Password; o.UserId = "u"; }),
            With(o => { o.ApplicationCredentialSecret = AuthTestKit.AppSecret; o.Passcode = AuthTestKit.Passcode; }),
            With(o => { o.AuthType = "none"; o.Token = AuthTestKit.Token; o.Password = AuthTestKit.Password; o.Passcode = AuthTestKit.Passcode; o.ApplicationCredentialSecret = AuthTestKit.AppSecret; }),
            With(o => { o.Passcode = AuthTestKit.Passcode; o.Password = AuthTestKit.Password; }),
        ];

        foreach (OpenStackClientOptions options in broken)
        {
            var ex = Assert.Throws<OpenStackConfigurationException>(options.Validate);
            AuthTestKit.AssertNoSecret(ex.Message);
        }
    }

    [Fact]
    public void A_custom_auth_method_replaces_the_credential_rules()
    {
        var custom = new StaticTokenAuth(AuthTestKit.Token);
        OpenStackClientOptions options = With(o =>
        {
            o.AuthUrl = null;
            o.AuthMethod = custom;
        });

        options.Validate();

        Assert.Same(custom, AuthMethodFactory.Create(options));
    }

    [Fact]
    public void The_keystone_method_classes_refuse_options_for_another_method()
    {
        OpenStackClientOptions tokenOptions = With(o => o.Token = AuthTestKit.Token);

        var ex = Assert.Throws<OpenStackConfigurationException>(() => new KeystonePasswordAuth(tokenOptions));

        Assert.Contains("token authentication, not password", ex.Message, StringComparison.Ordinal);
    }
}

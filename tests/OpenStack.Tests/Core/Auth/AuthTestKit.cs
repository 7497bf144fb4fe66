using System;
using System.Threading;
using System.Threading.Tasks;
using System.Text.Json.Nodes;
using OpenStack.Auth;
using OpenStack.Tests.Core.Fakes;
using Xunit;

namespace OpenStack.Tests.Core.Auth;

/// <summary>Shared pieces of the authentication tests: recognisable secrets, options builders, and a connect that uses the factory.</summary>
internal static class AuthTestKit
{
    public const string Password = "pw-SECRET-4f1c";
    public const string Token = "tok-SECRET-9a7e";
    public const string AppSecret = "appcred-SECRET-77d0";
    public const string Passcode = "314159";

    public static readonly string[] Secrets = [Password, Token, AppSecret, Passcode];

    /// <summary>Options with only the auth URL and transport set; the test adds credentials and scope.</summary>
    public static OpenStackClientOptions Bare(FakeHttpHandler? transport = null, string authUrl = FakeKeystone.AuthUrl) => new()
    {
        AuthUrl = new Uri(authUrl),
        Transport = transport,
    };

    public static Task<OpenStackConnection> ConnectAsync(FakeKeystone keystone, OpenStackClientOptions options)
    {
        options.Transport ??= keystone.Handler;
        return OpenStackConnection.ConnectAsync(options, AuthMethodFactory.Create(options), keystone.Clock, CancellationToken.None);
    }

    public static Task<OpenStackConnection> ConnectAsync(FakeHttpHandler transport, OpenStackClientOptions options, TimeProvider? clock = null)
    {
        options.Transport = transport;
        return OpenStackConnection.ConnectAsync(options, AuthMethodFactory.Create(options), clock ?? new ManualTimeProvider(FakeKeystone.Now), CancellationToken.None);
    }

    /// <summary>Puts values into @0@, @1@, … of a JSON template (raw interpolated strings cannot hold JSON's "}}}").</summary>
    public static string Fill(string template, params object[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            template = template.Replace("@" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "@", Convert.ToString(values[i], System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return template;
    }

    public static void AssertJson(string expected, string? actual)
    {
        Assert.NotNull(actual);
        JsonNode? want = JsonNode.Parse(expected);
        JsonNode? got = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(want, got), $"expected {want?.ToJsonString()} but got {got?.ToJsonString()}");
    }

    public static void AssertNoSecret(string? text)
    {
        Assert.NotNull(text);
        foreach (string secret in Secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }
}

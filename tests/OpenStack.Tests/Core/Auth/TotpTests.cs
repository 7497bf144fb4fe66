using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using OpenStack.Auth;
using OpenStack.Tests.Core.Fakes;
using Xunit;

namespace OpenStack.Tests.Core.Auth;

/// <summary>A one-time passcode is sent once: the token it bought is used to its end, then the user is asked for a new passcode.</summary>
public class TotpTests
{
    private const string Unauthorized = """{"error":{"code":401,"message":"The request you have made requires authentication.","title":"Unauthorized"}}""";

    private static OpenStackClientOptions Totp(bool withPassword)
    {
        OpenStackClientOptions options = AuthTestKit.Bare();
        options.Username = "demo";
        options.UserDomainName = "Default";
        options.Passcode = AuthTestKit.Passcode;
        options.Password = withPassword ? AuthTestKit.Password : null;
        options.ProjectName = "demo";
        options.ProjectDomainName = "Default";
        return options;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Near_expiry_the_token_is_kept_and_after_expiry_a_new_passcode_is_asked_for(bool withPassword)
    {
        var keystone = new FakeKeystone();
        using OpenStackConnection connection = await AuthTestKit.ConnectAsync(keystone, Totp(withPassword));
        Assert.False(AuthMethodFactory.Create(Totp(withPassword)).CanRefresh);

        // Within the refresh skew a password method would renew; the passcode must not be sent again.
        keystone.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal("token-1", (await connection.GetTokenAsync()).Value);
        Assert.Equal(1, keystone.Handler.CountTokenRequests());

        keystone.Clock.Advance(TimeSpan.FromMinutes(1));
        var ex = await Assert.ThrowsAsync<ReauthenticationRequiredException>(() => connection.GetTokenAsync());

        Assert.Contains("new Passcode", ex.Message, StringComparison.Ordinal);
        Assert.Contains("demo", ex.Message, StringComparison.Ordinal);
        AuthTestKit.AssertNoSecret(ex.ToString());
        Assert.IsAssignableFrom<OpenStackConfigurationException>(ex);
        Assert.Equal(1, keystone.Handler.CountTokenRequests());

        // Asking again does not sneak the passcode out either.
        await Assert.ThrowsAsync<ReauthenticationRequiredException>(() => connection.GetTokenAsync());
        Assert.Equal(1, keystone.Handler.CountTokenRequests());
    }

    [Fact]
    public async Task A_401_on_a_passcode_token_fails_clearly_without_resending_the_passcode()
    {
        var keystone = new FakeKeystone((_, _) => Task.FromResult(FakeHttpHandler.Json(HttpStatusCode.Unauthorized, Unauthorized)));
        using OpenStackConnection connection = await AuthTestKit.ConnectAsync(keystone, Totp(withPassword: true));
        using HttpClient http = connection.CreateHttpClient(new Uri("http://127.0.0.1:9292/v2/"));

        var ex = await Assert.ThrowsAsync<ReauthenticationRequiredException>(() => http.GetAsync(new Uri("images", UriKind.Relative)));

        Assert.Contains("Passcode", ex.Message, StringComparison.Ordinal);
        AuthTestKit.AssertNoSecret(ex.ToString());
        Assert.Equal(1, keystone.Handler.CountTokenRequests());
        Assert.Equal(1, keystone.Handler.Requests.Count(r => !r.IsTokenRequest));
        Assert.Single(keystone.Handler.Requests, r => r.Body?.Contains(AuthTestKit.Passcode, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task The_method_itself_never_sends_a_passcode_twice()
    {
        var keystone = new FakeKeystone();
        var method = new KeystoneTotpAuth(Totp(withPassword: false));
        using var http = new HttpClient(keystone.Handler, disposeHandler: false);

        AuthToken first = await method.AuthenticateAsync(http, default);
        Task<AuthToken> second = method.AuthenticateAsync(http, default);

        Assert.Equal("token-1", first.Value);
        await Assert.ThrowsAsync<ReauthenticationRequiredException>(() => second);
        Assert.Equal(1, keystone.Handler.CountTokenRequests());
    }
}

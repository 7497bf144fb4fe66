using System;
using System.Net.Http;
using OpenStack.Diagnostics;
using Xunit;

namespace OpenStack.Tests.Diagnostics;

public sealed class RedactionTests
{
    [Theory]
    [InlineData("https://swift.example/v1/AUTH_p/c/o?temp_url_sig=abc123def&temp_url_expires=1700000000",
                "https://swift.example/v1/AUTH_p/c/o?temp_url_sig=***&temp_url_expires=1700000000")]
    [InlineData("https://user:pw@keystone.example/v3?limit=5", "https://***@keystone.example/v3?limit=5")]
    [InlineData("https://s3.example/b/k?X-Amz-Credential=AKIA&X-Amz-Signature=f00&X-Amz-Expires=60",
                "https://s3.example/b/k?X-Amz-Credential=***&X-Amz-Signature=***&X-Amz-Expires=60")]
    [InlineData("http://h/v2/images?limit=10&marker=m-1&sort_key=name", "http://h/v2/images?limit=10&marker=m-1&sort_key=name")]
    [InlineData("http://h/x?auth_token=t0k&a=1#frag", "http://h/x?auth_token=***&a=1#frag")]
    public void Urls_lose_credentials_and_signatures_but_keep_everything_else(string url, string expected) =>
        Assert.Equal(expected, SecretRedaction.Uri(new Uri(url)));

    [Theory]
    [InlineData("X-Auth-Token")]
    [InlineData("x-subject-token")]
    [InlineData("X-Service-Token")]
    [InlineData("X-Account-Meta-Temp-URL-Key")]
    [InlineData("X-Container-Meta-Temp-URL-Key-2")]
    [InlineData("Authorization")]
    [InlineData("X-Auth-Key")]
    [InlineData("Cookie")]
    public void Credential_headers_are_secret(string name) => Assert.True(SecretRedaction.IsSecretHeader(name));

    [Theory]
    [InlineData("X-Openstack-Request-Id")]
    [InlineData("Content-Type")]
    [InlineData("OpenStack-API-Version")]
    public void Other_headers_are_not(string name) => Assert.False(SecretRedaction.IsSecretHeader(name));

    [Fact]
    public void Json_bodies_lose_passwords_secrets_passcodes_and_tokens_at_any_depth()
    {
        const string body = """
            {"auth": {"identity": {"methods": ["password", "totp"],
              "password": {"user": {"name": "demo", "domain": {"name": "Default"}, "password": "pw-1\"quoted"}},
              "totp": {"user": {"id": "u", "passcode": "123456"}},
              "application_credential": {"id": "ac", "secret": "ac-secret"}}},
             "server": {"adminPass": "root-pw", "name": "vm"},
             "original_password": "old-pw", "credential": {"blob": "x"}, "token": {"id": "keep-structure"}}
            """;

        string masked = SecretRedaction.Body(body, request: null);

        foreach (string secret in new[] { "pw-1", "123456", "ac-secret", "root-pw", "old-pw" })
        {
            Assert.DoesNotContain(secret, masked, StringComparison.Ordinal);
        }

        Assert.Contains("\"password\": \"***\"", masked, StringComparison.Ordinal);
        Assert.Contains("\"secret\": \"***\"", masked, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"demo\"", masked, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"vm\"", masked, StringComparison.Ordinal);
        Assert.Contains("\"methods\": [\"password\", \"totp\"]", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_the_request_carried_is_masked_wherever_the_body_quotes_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://h/v3/auth/tokens");
        request.Headers.Add("X-Subject-Token", "gAAAAA-subject-token");

        string masked = SecretRedaction.Body("""{"error": {"message": "Could not find token: gAAAAA-subject-token."}}""", request);

        Assert.Equal("""{"error": {"message": "Could not find token: ***."}}""", masked);
    }
}

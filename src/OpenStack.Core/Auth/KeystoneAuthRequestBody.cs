using System.IO;
using System.Text.Json;

namespace OpenStack.Auth;

/// <summary>Writes the JSON body of a Keystone v3 password token request.</summary>
internal static class KeystoneAuthRequestBody
{
    public static byte[] Write(PasswordCredentials credentials)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("auth");

            json.WriteStartObject("identity");
            json.WriteStartArray("methods");
            json.WriteStringValue("password");
            json.WriteEndArray();
            json.WriteStartObject("password");
            WriteUser(json, credentials);
            json.WriteEndObject();
            json.WriteEndObject();

            WriteScope(json, credentials);

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteUser(Utf8JsonWriter json, PasswordCredentials c)
    {
        json.WriteStartObject("user");
        if (c.UserId is not null)
        {
            // An id is globally unique, so Keystone needs no domain with it.
            json.WriteString("id", c.UserId);
        }
        else
        {
            json.WriteString("name", c.Username);
            WriteDomain(json, c.UserDomainId, c.UserDomainName);
        }

        json.WriteString("password", c.Password);
        json.WriteEndObject();
    }

    private static void WriteScope(Utf8JsonWriter json, PasswordCredentials c)
    {
        if (c.ProjectId is not null)
        {
            json.WriteStartObject("scope");
            json.WriteStartObject("project");
            json.WriteString("id", c.ProjectId);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        else if (c.ProjectName is not null)
        {
            json.WriteStartObject("scope");
            json.WriteStartObject("project");
            json.WriteString("name", c.ProjectName);
            WriteDomain(json, c.ProjectDomainId, c.ProjectDomainName);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        else if (c.DomainId is not null || c.DomainName is not null)
        {
            json.WriteStartObject("scope");
            WriteDomain(json, c.DomainId, c.DomainName);
            json.WriteEndObject();
        }

        // Without any scope setting the "scope" key is left out and Keystone issues an unscoped token.
    }

    private static void WriteDomain(Utf8JsonWriter json, string? id, string? name)
    {
        json.WriteStartObject("domain");
        if (id is not null)
        {
            json.WriteString("id", id);
        }
        else
        {
            json.WriteString("name", name);
        }

        json.WriteEndObject();
    }
}

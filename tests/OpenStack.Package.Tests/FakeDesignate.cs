using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OpenStack.Tests.Transport;

namespace OpenStack.Package.Tests;

/// <summary>
/// Keystone (POST /v3/auth/tokens, with a catalog whose "dns" endpoint is this server's /dns/) and the parts of the
/// Designate v2 API the DNS sample uses: zones (list with limit/marker and links.next, create, get, delete, 404 with a
/// request id) and a zone's recordsets. In memory, on 127.0.0.1.
/// </summary>
public sealed class FakeDesignate : IAsyncDisposable
{
    public const string Token = "tok-designate-fake";

    private readonly LoopbackServer _server;
    private readonly ConcurrentDictionary<string, JsonObject> _zones = new();
    private readonly ConcurrentDictionary<string, List<JsonObject>> _recordsets = new();

    public FakeDesignate()
    {
        _server = LoopbackServer.Http(Respond);
        AddZone("alpha.example.", "ACTIVE");
        AddZone("beta.example.", "ACTIVE");
    }

    public IReadOnlyList<WireRequest> Requests => _server.Requests.ToList();

    /// <summary>An openrc for this server.</summary>
    public Dictionary<string, string> Environment => new()
    {
        ["OS_AUTH_URL"] = new Uri(_server.BaseAddress, "v3").ToString(),
        ["OS_USERNAME"] = "demo",
        ["OS_PASSWORD"] = "demo-password",
        ["OS_USER_DOMAIN_NAME"] = "Default",
        ["OS_PROJECT_NAME"] = "demo",
        ["OS_PROJECT_DOMAIN_NAME"] = "Default",
        ["OS_REGION_NAME"] = "RegionOne",
        ["OS_CLOUD"] = "",
    };

    public string Describe() => string.Join("\n", Requests.Select(r => r.Method + " " + r.Target));

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private string Base => _server.BaseAddress.ToString().TrimEnd('/');

    private JsonObject AddZone(string name, string status)
    {
        var id = Guid.NewGuid().ToString();
        var zone = new JsonObject
        {
            ["id"] = id, ["name"] = name, ["email"] = "hostmaster@" + name.TrimEnd('.'), ["ttl"] = 3600, ["serial"] = 1,
            ["status"] = status, ["action"] = status == "ACTIVE" ? "NONE" : "CREATE", ["version"] = 1, ["type"] = "PRIMARY",
            ["pool_id"] = "pool-1", ["project_id"] = "p-456", ["description"] = null, ["masters"] = new JsonArray(),
            ["created_at"] = "2026-01-01T00:00:00.000000", ["updated_at"] = null, ["transferred_at"] = null,
            ["links"] = new JsonObject { ["self"] = Base + "/dns/v2/zones/" + id },
        };
        _zones[id] = zone;
        return zone;
    }

    private WireResponse Respond(WireRequest request)
    {
        var (path, query) = Split(request.Target);
        if (request.Method == "POST" && path == "/v3/auth/tokens") return TokenIssued();
        if (request.Header("X-Auth-Token") != Token) return Error(401, "The request you have made requires authentication.", "req-dns-401");
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries); // dns, v2, zones, {id}, recordsets
        if (parts.Length < 3 || parts[0] != "dns" || parts[1] != "v2" || parts[2] != "zones") return Error(404, "Not found: " + path, "req-dns-nf");

        if (parts.Length == 3 && request.Method == "GET") return ListZones(query);
        if (parts.Length == 3 && request.Method == "POST")
        {
            var body = JsonNode.Parse(request.Body)!.AsObject();
            var zone = AddZone((string)body["name"]!, "PENDING");
            if (body["email"] is JsonNode email) zone["email"] = email.GetValue<string>();
            if (body["ttl"] is JsonNode ttl) zone["ttl"] = ttl.GetValue<int>();
            return WireResponse.Json(202, zone.ToJsonString());
        }
        if (!_zones.TryGetValue(parts[3], out var found))
            return Error(404, "Could not find Zone", "req-dns-404");
        if (parts.Length == 4 && request.Method == "GET") return WireResponse.Json(200, found.ToJsonString());
        if (parts.Length == 4 && request.Method == "DELETE")
        {
            _zones.TryRemove(parts[3], out _);
            found["status"] = "PENDING";
            found["action"] = "DELETE";
            return WireResponse.Json(202, found.ToJsonString());
        }
        if (parts.Length == 5 && parts[4] == "recordsets")
        {
            var list = _recordsets.GetOrAdd(parts[3], _ => new List<JsonObject>());
            if (request.Method == "POST")
            {
                var body = JsonNode.Parse(request.Body)!.AsObject();
                var recordset = new JsonObject
                {
                    ["id"] = Guid.NewGuid().ToString(), ["zone_id"] = parts[3], ["zone_name"] = (string)found["name"]!,
                    ["project_id"] = "p-456", ["name"] = (string)body["name"]!, ["type"] = (string)body["type"]!,
                    ["records"] = body["records"]!.DeepClone(), ["ttl"] = null, ["description"] = null,
                    ["status"] = "PENDING", ["action"] = "CREATE", ["version"] = 1,
                    ["created_at"] = "2026-01-01T00:00:00.000000", ["updated_at"] = null,
                };
                lock (list) list.Add(recordset);
                return WireResponse.Json(202, recordset.ToJsonString());
            }
            if (request.Method == "GET")
            {
                JsonObject[] items;
                lock (list) items = list.Where(r => !query.TryGetValue("type", out var t) || (string)r["type"]! == t).ToArray();
                return WireResponse.Json(200, new JsonObject
                {
                    ["recordsets"] = new JsonArray(items.Select(i => (JsonNode)i.DeepClone()).ToArray()),
                    ["links"] = new JsonObject { ["self"] = Base + request.Target },
                    ["metadata"] = new JsonObject { ["total_count"] = items.Length },
                }.ToJsonString());
            }
        }
        return Error(405, "Method not allowed", "req-dns-405");
    }

    private WireResponse ListZones(Dictionary<string, string> query)
    {
        var all = _zones.Values.OrderBy(z => (string)z["name"]!, StringComparer.Ordinal).ToList();
        var start = 0;
        if (query.TryGetValue("marker", out var marker)) start = all.FindIndex(z => (string)z["id"]! == marker) + 1;
        var limit = query.TryGetValue("limit", out var l) ? int.Parse(l, CultureInfo.InvariantCulture) : 20;
        var page = all.Skip(start).Take(limit).ToList();
        var links = new JsonObject { ["self"] = Base + "/dns/v2/zones" };
        if (start + page.Count < all.Count)
            links["next"] = Base + "/dns/v2/zones?limit=" + limit + "&marker=" + page[^1]["id"];
        return WireResponse.Json(200, new JsonObject
        {
            ["zones"] = new JsonArray(page.Select(z => (JsonNode)z.DeepClone()).ToArray()),
            ["links"] = links,
            ["metadata"] = new JsonObject { ["total_count"] = all.Count },
        }.ToJsonString());
    }

    private WireResponse TokenIssued()
    {
        string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'.000000Z'", CultureInfo.InvariantCulture);
        var now = DateTimeOffset.UtcNow;
        var body = $$$"""
            {"token": {
              "methods": ["password"],
              "user": {"domain": {"id": "default", "name": "Default"}, "id": "u-123", "name": "demo", "password_expires_at": null},
              "audit_ids": ["abc"],
              "expires_at": "{{{Stamp(now.AddHours(1))}}}",
              "issued_at": "{{{Stamp(now)}}}",
              "project": {"domain": {"id": "default", "name": "Default"}, "id": "p-456", "name": "demo"},
              "is_domain": false,
              "roles": [{"id": "r1", "name": "member"}],
              "catalog": [
                {"endpoints": [{"id": "e1", "interface": "public", "region_id": "RegionOne", "url": "{{{Base}}}/dns/", "region": "RegionOne"}],
                 "id": "s1", "type": "dns", "name": "designate"},
                {"endpoints": [{"id": "e2", "interface": "public", "region_id": "RegionOne", "url": "{{{Base}}}/v3/", "region": "RegionOne"}],
                 "id": "s2", "type": "identity", "name": "keystone"}
              ]}}
            """;
        return WireResponse.Json(201, body, ("X-Subject-Token", Token), ("X-Openstack-Request-Id", "req-auth-1"));
    }

    private static WireResponse Error(int status, string message, string requestId)
        => WireResponse.Json(status, new JsonObject { ["code"] = status, ["type"] = "error", ["message"] = message, ["request_id"] = requestId }.ToJsonString(),
            ("X-Openstack-Request-Id", requestId));

    private static (string Path, Dictionary<string, string> Query) Split(string target)
    {
        var q = target.IndexOf('?');
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (q < 0) return (target, query);
        foreach (var pair in target[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            query[Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq])] = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
        }
        return (target[..q], query);
    }
}

using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Compute.V2;

// Handwritten: what the spec format cannot say for Nova servers.
//  - Actions without parameters ({"os-start": {}}) get overloads that need no empty request object.
//  - Addresses on one network answer {"<label>": [...]}: the key is only known at run time.
public partial class ServersClient
{
    /// <summary>Reboots the server: <paramref name="hard"/> false asks the guest (SOFT), true power-cycles it (HARD).</summary>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual Task RebootAsync(string id, bool hard, CancellationToken cancellationToken = default)
        => RebootAsync(id, new ServerRebootRequest { Type = hard ? ServerRebootRequestType.Hard : ServerRebootRequestType.Soft }, cancellationToken);

    /// <summary>Resizes the server to the flavor <paramref name="flavorId"/>; it goes to VERIFY_RESIZE.</summary>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual Task ResizeAsync(string id, string flavorId, CancellationToken cancellationToken = default)
        => ResizeAsync(id, new ServerResizeRequest { FlavorRef = flavorId ?? throw new ArgumentNullException(nameof(flavorId)) }, cancellationToken);

    /// <summary>Confirms a resize (VERIFY_RESIZE → ACTIVE with the new flavor).</summary>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual Task ConfirmResizeAsync(string id, CancellationToken cancellationToken = default)
        => ConfirmResizeAsync(id, new ServerConfirmResizeRequest(), cancellationToken);

    /// <summary>Reverts a resize to the old flavor.</summary>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual Task RevertResizeAsync(string id, CancellationToken cancellationToken = default)
        => RevertResizeAsync(id, new ServerRevertResizeRequest(), cancellationToken);

    /// <summary>Boots the server from its rescue image; returns the rescue administrator password.</summary>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual Task<string> RescueAsync(string id, CancellationToken cancellationToken = default)
        => RescueAsync(id, new ServerRescueRequest(), cancellationToken);

    /// <summary>Leaves rescue mode.</summary>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual Task UnrescueAsync(string id, CancellationToken cancellationToken = default)
        => UnrescueAsync(id, new ServerUnrescueRequest(), cancellationToken);

    /// <summary>Sets the administrator password (the seed API's SetAdministratorPassword).</summary>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual Task ChangePasswordAsync(string id, string adminPassword, CancellationToken cancellationToken = default)
        => ChangePasswordAsync(id, new ServerChangePasswordRequest { AdminPassword = adminPassword ?? throw new ArgumentNullException(nameof(adminPassword)) }, cancellationToken);

    /// <summary>Starts a SHUTOFF server.</summary>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual Task StartAsync(string id, CancellationToken cancellationToken = default)
        => StartAsync(id, new ServerStartRequest(), cancellationToken);

    /// <summary>Stops (powers off) the server: SHUTOFF.</summary>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual Task StopAsync(string id, CancellationToken cancellationToken = default)
        => StopAsync(id, new ServerStopRequest(), cancellationToken);

    /// <summary>Pauses the server in memory: PAUSED.</summary>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual Task PauseAsync(string id, CancellationToken cancellationToken = default)
        => PauseAsync(id, new ServerPauseRequest(), cancellationToken);

    /// <summary>Unpauses a PAUSED server.</summary>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual Task UnpauseAsync(string id, CancellationToken cancellationToken = default)
        => UnpauseAsync(id, new ServerUnpauseRequest(), cancellationToken);

    /// <summary>Suspends the server to disk: SUSPENDED.</summary>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual Task SuspendAsync(string id, CancellationToken cancellationToken = default)
        => SuspendAsync(id, new ServerSuspendRequest(), cancellationToken);

    /// <summary>Resumes a SUSPENDED server.</summary>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual Task ResumeAsync(string id, CancellationToken cancellationToken = default)
        => ResumeAsync(id, new ServerResumeRequest(), cancellationToken);

    /// <summary>Locks the server against changes by non-admins.</summary>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual Task LockAsync(string id, CancellationToken cancellationToken = default)
        => LockAsync(id, new ServerLockRequest(), cancellationToken);

    /// <summary>Unlocks the server.</summary>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual Task UnlockAsync(string id, CancellationToken cancellationToken = default)
        => UnlockAsync(id, new ServerUnlockRequest(), cancellationToken);

    /// <summary>Shelves the server (SHELVED, then SHELVED_OFFLOADED).</summary>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual Task ShelveAsync(string id, CancellationToken cancellationToken = default)
        => ShelveAsync(id, new ServerShelveRequest(), cancellationToken);

    /// <summary>Unshelves the server wherever the scheduler picks.</summary>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual Task UnshelveAsync(string id, CancellationToken cancellationToken = default)
        => UnshelveAsync(id, new ServerUnshelveRequest(), cancellationToken);

    /// <summary>Returns the whole console log, or its last <paramref name="length"/> lines.</summary>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual Task<string> GetConsoleOutputAsync(string id, int? length = null, CancellationToken cancellationToken = default)
        => GetConsoleOutputAsync(id, new ServerGetConsoleOutputRequest { Length = length }, cancellationToken);

    /// <summary>Snapshots the server into an image named <paramref name="name"/> and returns the image id (microversion 2.45 and later).</summary>
    /// <exception cref="NotSupportedException">The connection's microversion is below 2.45.</exception>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual Task<string> CreateImageAsync(string id, string name, IDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
        => CreateImageAsync(id, new ServerCreateImageRequest { Name = name ?? throw new ArgumentNullException(nameof(name)), Metadata = metadata }, cancellationToken);

    /// <summary>
    /// Lists the server's addresses on the network labelled <paramref name="networkLabel"/> (GET servers/{id}/ips/{label}).
    /// </summary>
    /// <returns>The addresses; the service answers 404 when the server has none on that network.</returns>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual async Task<IReadOnlyList<ServerAddress>> ListAddressesByNetworkAsync(string id, string networkLabel, CancellationToken cancellationToken = default)
    {
        if (id is null) throw new ArgumentNullException(nameof(id));
        if (networkLabel is null) throw new ArgumentNullException(nameof(networkLabel));
        var uri = new Uri(_http.BaseAddress!, "servers/" + Uri.EscapeDataString(id) + "/ips/" + Uri.EscapeDataString(networkLabel));
        var byLabel = await Http.OpenStackHttp.GetJsonAsync(_http, uri, ComputeServersJsonContext.Default.IReadOnlyDictionaryStringIReadOnlyListServerAddress, cancellationToken).ConfigureAwait(false);
        if (byLabel.TryGetValue(networkLabel, out var addresses)) return addresses;
        throw new OpenStackException($"The response has no '{networkLabel}' key.", 200, null, null, null, null, null, null);
    }
}

/// <summary>Values for <see cref="ServerCreateOptions.Networks"/>, which Nova takes as an array or (2.37 and later) a word.</summary>
public static class ServerNetworks
{
    /// <summary>"auto": Nova gives the server a network, creating one for the project when needed (2.37 and later).</summary>
    public static JsonNode Auto => JsonValue.Create("auto");

    /// <summary>"none": no network at all (2.37 and later).</summary>
    public static JsonNode None => JsonValue.Create("none");

    /// <summary>An explicit list of NICs: networks (<c>Uuid</c>), ports (<c>Port</c>), optionally with a <c>FixedIp</c>.</summary>
    public static JsonNode Of(params ServerNetworkRequest[] nics)
    {
        ArgumentNullException.ThrowIfNull(nics);
        var array = new JsonArray();
        foreach (var nic in nics)
        {
            ArgumentNullException.ThrowIfNull(nic, nameof(nics));
            var o = new JsonObject();
            if (nic.Uuid is not null) o["uuid"] = nic.Uuid;
            if (nic.Port is not null) o["port"] = nic.Port;
            if (nic.FixedIp is not null) o["fixed_ip"] = nic.FixedIp;
            if (nic.Tag is not null) o["tag"] = nic.Tag;
            array.Add((JsonNode)o);
        }
        return array;
    }

    /// <summary>One NIC on each of the networks <paramref name="networkIds"/>.</summary>
    public static JsonNode OnNetworks(params string[] networkIds)
    {
        ArgumentNullException.ThrowIfNull(networkIds);
        return Of(Array.ConvertAll(networkIds, n => new ServerNetworkRequest { Uuid = n }));
    }
}

public sealed partial class ServerCreateOptions
{
    /// <summary>Sets <see cref="UserData"/> to the Base64 of <paramref name="text"/> (UTF-8), as Nova wants it.</summary>
    public ServerCreateOptions SetUserData(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        UserData = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        return this;
    }
}

public sealed partial record Server
{
    /// <summary>The image id, or null for a server booted from a volume (whose <see cref="Image"/> is an empty string).</summary>
    [JsonIgnore]
    public string? ImageId => Image is JsonObject o && o["id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>One NIC to create a server with: a network, a port, or a network with a fixed IP.</summary>
public sealed class ServerNetworkRequest
{
    /// <summary>The network id.</summary>
    public string? Uuid { get; set; }

    /// <summary>An existing port id (instead of a network).</summary>
    public string? Port { get; set; }

    /// <summary>A fixed IP on the network.</summary>
    public string? FixedIp { get; set; }

    /// <summary>A device tag (2.42 and later).</summary>
    public string? Tag { get; set; }
}

using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

// Shared with bench/OpenStack.Benchmarks (linked there), which measures the same decoding in-process.
namespace OpenStack.RawDotnet;

internal sealed class ServerEnvelope
{
    [JsonPropertyName("server")] public Server? Server { get; set; }
}

// raw-go's Server struct, field for field, so both floors decode the same amount.
internal sealed class Server
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("tenant_id")] public string? TenantId { get; set; }
    [JsonPropertyName("user_id")] public string? UserId { get; set; }
    [JsonPropertyName("metadata")] public Dictionary<string, string>? Metadata { get; set; }
    [JsonPropertyName("hostId")] public string? HostId { get; set; }
    [JsonPropertyName("image")] public JsonElement Image { get; set; }
    [JsonPropertyName("flavor")] public Flavor? Flavor { get; set; }
    [JsonPropertyName("created")] public DateTimeOffset Created { get; set; }
    [JsonPropertyName("updated")] public DateTimeOffset Updated { get; set; }
    [JsonPropertyName("addresses")] public Dictionary<string, List<Address>>? Addresses { get; set; }
    [JsonPropertyName("accessIPv4")] public string? AccessIPv4 { get; set; }
    [JsonPropertyName("accessIPv6")] public string? AccessIPv6 { get; set; }
    [JsonPropertyName("links")] public List<Link>? Links { get; set; }
    [JsonPropertyName("OS-DCF:diskConfig")] public string? DiskConfig { get; set; }
    [JsonPropertyName("progress")] public int Progress { get; set; }
    [JsonPropertyName("OS-EXT-AZ:availability_zone")] public string? AvailabilityZone { get; set; }
    [JsonPropertyName("config_drive")] public string? ConfigDrive { get; set; }
    [JsonPropertyName("key_name")] public string? KeyName { get; set; }
    [JsonPropertyName("OS-SRV-USG:launched_at")] public string? LaunchedAt { get; set; }
    [JsonPropertyName("OS-SRV-USG:terminated_at")] public string? TerminatedAt { get; set; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:host")] public string? Host { get; set; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:instance_name")] public string? InstanceName { get; set; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:hypervisor_hostname")] public string? HypervisorHostname { get; set; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:reservation_id")] public string? ReservationId { get; set; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:launch_index")] public int LaunchIndex { get; set; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:hostname")] public string? Hostname { get; set; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:kernel_id")] public string? KernelId { get; set; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:ramdisk_id")] public string? RamdiskId { get; set; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:root_device_name")] public string? RootDeviceName { get; set; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:user_data")] public string? UserData { get; set; }
    [JsonPropertyName("OS-EXT-STS:task_state")] public string? TaskState { get; set; }
    [JsonPropertyName("OS-EXT-STS:vm_state")] public string? VmState { get; set; }
    [JsonPropertyName("OS-EXT-STS:power_state")] public int PowerState { get; set; }
    [JsonPropertyName("os-extended-volumes:volumes_attached")] public List<VolumeAttached>? VolumesAttached { get; set; }
    [JsonPropertyName("security_groups")] public List<NamedItem>? SecurityGroups { get; set; }
    [JsonPropertyName("locked")] public bool Locked { get; set; }
    [JsonPropertyName("locked_reason")] public string? LockedReason { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("tags")] public List<string>? Tags { get; set; }
    [JsonPropertyName("trusted_image_certificates")] public List<string>? TrustedImageCertificates { get; set; }
    [JsonPropertyName("host_status")] public string? HostStatus { get; set; }
    [JsonPropertyName("server_groups")] public List<string>? ServerGroups { get; set; }
    [JsonPropertyName("pinned_availability_zone")] public string? PinnedAvailabilityZone { get; set; }
}

internal sealed class Flavor
{
    [JsonPropertyName("vcpus")] public int Vcpus { get; set; }
    [JsonPropertyName("ram")] public int Ram { get; set; }
    [JsonPropertyName("disk")] public int Disk { get; set; }
    [JsonPropertyName("ephemeral")] public int Ephemeral { get; set; }
    [JsonPropertyName("swap")] public int Swap { get; set; }
    [JsonPropertyName("original_name")] public string? OriginalName { get; set; }
    [JsonPropertyName("extra_specs")] public Dictionary<string, string>? ExtraSpecs { get; set; }
}

internal sealed class Address
{
    [JsonPropertyName("version")] public int Version { get; set; }
    [JsonPropertyName("addr")] public string? Addr { get; set; }
    [JsonPropertyName("OS-EXT-IPS:type")] public string? Type { get; set; }
    [JsonPropertyName("OS-EXT-IPS-MAC:mac_addr")] public string? Mac { get; set; }
}

internal sealed class Link
{
    [JsonPropertyName("href")] public string? Href { get; set; }
    [JsonPropertyName("rel")] public string? Rel { get; set; }
}

internal sealed class VolumeAttached
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("delete_on_termination")] public bool DeleteOnTermination { get; set; }
}

internal sealed class NamedItem
{
    [JsonPropertyName("name")] public string? Name { get; set; }
}

[JsonSerializable(typeof(ServerEnvelope))]
internal sealed partial class RawJson : JsonSerializerContext
{
}

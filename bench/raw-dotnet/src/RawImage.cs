using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace OpenStack.RawDotnet;

// One page of Glance's image list, as raw-go decodes it: the images and the path of the next page.
internal sealed class ImagePage
{
    [JsonPropertyName("images")] public List<Image>? Images { get; set; }
    [JsonPropertyName("next")] public string? Next { get; set; }
}

// raw-go's Image struct, field for field.
internal sealed class Image
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("visibility")] public string? Visibility { get; set; }
    [JsonPropertyName("protected")] public bool Protected { get; set; }
    [JsonPropertyName("os_hidden")] public bool OsHidden { get; set; }
    [JsonPropertyName("checksum")] public string? Checksum { get; set; }
    [JsonPropertyName("os_hash_algo")] public string? OsHashAlgo { get; set; }
    [JsonPropertyName("os_hash_value")] public string? OsHashValue { get; set; }
    [JsonPropertyName("owner")] public string? Owner { get; set; }
    [JsonPropertyName("size")] public long Size { get; set; }
    [JsonPropertyName("virtual_size")] public long? VirtualSize { get; set; }
    [JsonPropertyName("min_ram")] public int MinRam { get; set; }
    [JsonPropertyName("min_disk")] public int MinDisk { get; set; }
    [JsonPropertyName("disk_format")] public string? DiskFormat { get; set; }
    [JsonPropertyName("container_format")] public string? ContainerFormat { get; set; }
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; set; }
    [JsonPropertyName("updated_at")] public DateTimeOffset UpdatedAt { get; set; }
    [JsonPropertyName("tags")] public List<string>? Tags { get; set; }
    [JsonPropertyName("self")] public string? Self { get; set; }
    [JsonPropertyName("file")] public string? File { get; set; }
    [JsonPropertyName("schema")] public string? Schema { get; set; }
    [JsonPropertyName("stores")] public string? Stores { get; set; }
    [JsonPropertyName("architecture")] public string? Architecture { get; set; }
    [JsonPropertyName("hw_disk_bus")] public string? HwDiskBus { get; set; }
    [JsonPropertyName("hw_scsi_model")] public string? HwScsiModel { get; set; }
    [JsonPropertyName("hw_qemu_guest_agent")] public string? HwQemuGuestAgent { get; set; }
    [JsonPropertyName("os_distro")] public string? OsDistro { get; set; }
    [JsonPropertyName("os_version")] public string? OsVersion { get; set; }
    [JsonPropertyName("os_type")] public string? OsType { get; set; }
}

// One page of servers/detail: the servers and their paging links (raw-go's W3).
internal sealed class ServerPage
{
    [JsonPropertyName("servers")] public List<Server>? Servers { get; set; }
    [JsonPropertyName("servers_links")] public List<Link>? Links { get; set; }
}

[JsonSerializable(typeof(ImagePage))]
[JsonSerializable(typeof(ServerPage))]
internal sealed partial class RawListJson : JsonSerializerContext
{
}

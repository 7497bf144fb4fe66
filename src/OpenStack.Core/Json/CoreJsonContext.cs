using System.Text.Json.Serialization;
using OpenStack.Auth;

namespace OpenStack.Json;

/// <summary>Source-generated JSON metadata for the types the runtime itself reads, so no reflection is needed.</summary>
[JsonSourceGenerationOptions(
    Converters = [typeof(OpenStackDateTimeOffsetConverter)],
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KeystoneTokenEnvelope))]
[JsonSerializable(typeof(KeystoneV2AccessEnvelope))]
internal sealed partial class CoreJsonContext : JsonSerializerContext
{
}

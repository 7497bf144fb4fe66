using System.Text.Json.Serialization;

namespace OpenStack.Placement.V1;

// Handwritten: Placement (1.28+) requires consumer_generation in every allocation write, as JSON null for a
// consumer that has no allocations yet. Generated request fields are left out when null, so this one is declared
// here, always written.
public sealed partial class AllocationReplaceRequest
{
    /// <summary>
    /// The consumer's generation as last read (<see cref="Allocation.ConsumerGeneration"/>), or null for a new
    /// consumer. Always sent; a stale value is refused with 409 (placement.concurrent_update).
    /// </summary>
    [JsonPropertyName("consumer_generation")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? ConsumerGeneration { get; set; }
}

using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Network.V2;

// Handwritten: Neutron disassociates a floating IP when an update sets port_id to an explicit JSON null.
// Generated update options leave unset (null) properties out of the body, so null cannot be sent through them.
public partial class FloatingIpsClient
{
    /// <summary>Disassociates the floating IP from its port (sends <c>{"floatingip": {"port_id": null}}</c>); it stays allocated.</summary>
    /// <returns>The floating IP as Neutron returns it, with no port.</returns>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual async Task<FloatingIp> DisassociateAsync(string id, CancellationToken cancellationToken = default)
    {
        if (id is null) throw new ArgumentNullException(nameof(id));
        using var request = new HttpRequestMessage(HttpMethod.Put, "floatingips/" + Uri.EscapeDataString(id))
        {
            Content = new StringContent("{\"floatingip\":{\"port_id\":null}}", Encoding.UTF8, "application/json"),
        };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode(); // the connection's error handler has already turned failures into OpenStackException
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var envelope = await JsonSerializer.DeserializeAsync(body, NetworkFloatingIpsJsonContext.Default.FloatingIpEnvelope, cancellationToken).ConfigureAwait(false);
            return envelope?.Item ?? throw new InvalidDataException("The response has no 'floatingip' key.");
        }
    }
}

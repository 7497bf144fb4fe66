using System;
using System.Linq;
using System.Threading.Tasks;
using Consumer.Dns;          // Dns(): the service this project's spec files describe
using Consumer.Dns.Dns.V2;   // Zone, RecordSet and their options, generated in this project's build
using OpenStack;

// A whole service from this project's own spec files (OpenStack/dns/v2/), on the SDK's connection: the same
// authentication and catalog (the "dns" endpoint), paging (Designate's links.next) and errors (OpenStackException).
// Prints one line per check; exits non-zero on the first failure. Credentials: OS_* variables (an openrc).
using var cloud = await OpenStackClient.ConnectAsync(OpenStackClientOptions.FromEnvironment());
var dns = cloud.Dns();
Check(ReferenceEquals(dns, cloud.Dns()), "the service is cached per client");

var zone = await dns.Zones.CreateAsync(new ZoneCreateOptions { Name = "example.org.", Email = "admin@example.org", Ttl = 3600 });
Check(zone.Id is not null && zone.Status == ZoneStatus.Pending, "created zone " + zone.Name + " (" + zone.Status + ")");

// Page size 1: every zone after the first comes from following links.next.
var zones = await dns.Zones.ListAsync(new ZoneListOptions { Limit = 1 }).ToListAsync();
Check(zones.Count == 3 && zones.Select(z => z.Name).Distinct().Count() == 3, "listed " + zones.Count + " zones one page at a time");

var recordset = await dns.RecordSets.CreateAsync(zone.Id!, new RecordSetCreateOptions { Name = "www.example.org.", Type = "A", Records = ["192.0.2.10"] });
Check(recordset.Records?.SequenceEqual(["192.0.2.10"]) == true, "created recordset " + recordset.Name);
var recordsets = await dns.RecordSets.ListAsync(zone.Id!, new RecordSetListOptions { Type = "A" }).ToListAsync();
Check(recordsets.Count == 1 && recordsets[0].ZoneName == "example.org.", "listed " + recordsets.Count + " recordset(s) of the zone");

try
{
    await dns.Zones.GetAsync("00000000-0000-0000-0000-000000000000");
    Check(false, "a missing zone raised no error");
}
catch (OpenStackException e)
{
    Check(e.Status == 404 && e.RequestId == "req-dns-404", "missing zone: " + e.Status + " " + e.RequestId + " " + e.ServerMessage);
}

await dns.Zones.DeleteAsync(zone.Id!);
Console.WriteLine("DNS OK");
return 0;

static void Check(bool ok, string what)
{
    Console.WriteLine((ok ? "ok: " : "FAILED: ") + what);
    if (!ok) Environment.Exit(1);
}

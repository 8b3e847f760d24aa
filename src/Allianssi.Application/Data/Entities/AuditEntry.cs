namespace Allianssi.Application.Data.Entities;

/// <summary>One mutating action: who, when, what, and the entity before and after (JSON).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    public required string Action { get; set; }

    public required string Entity { get; set; }

    public string? EntityKey { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }
}

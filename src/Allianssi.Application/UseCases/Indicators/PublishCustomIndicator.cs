using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Indicators;

/// <summary>Which version of a custom indicator to publish (null: the newest) or withdraw (null: every published one).</summary>
public sealed record CustomPublicationInput(string? Alliance, int? Version);

/// <summary>A custom indicator version's publication state.</summary>
public sealed record CustomPublicationDto(string Code, int Version, bool Published, string? PublishedBy, DateTimeOffset? PublishedAt);

/// <summary>
/// Publishes a custom indicator version on the public page, or withdraws it (a leadership member;
/// audited). An analyst writes a custom indicator's SQL, so what it computes and what its counts
/// mean are the analyst's choice; the public page shows only what the leadership has looked at and
/// approved, version by version. The public results cache follows the store's generation, so the
/// change shows on the next request.
/// </summary>
public sealed class PublishCustomIndicator(AllianssiDbContext db, TimeProvider time)
{
    public Task<Outcome<IReadOnlyList<CustomPublicationDto>>> PublishAsync(string code, CustomPublicationInput input, Actor actor, CancellationToken ct = default) =>
        SetAsync(code, input, actor, publish: true, ct);

    public Task<Outcome<IReadOnlyList<CustomPublicationDto>>> WithdrawAsync(string code, CustomPublicationInput input, Actor actor, CancellationToken ct = default) =>
        SetAsync(code, input, actor, publish: false, ct);

    private async Task<Outcome<IReadOnlyList<CustomPublicationDto>>> SetAsync(string code, CustomPublicationInput input, Actor actor, bool publish, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Role != Roles.Leadership || actor.PartyCode is null)
        {
            return Outcome<IReadOnlyList<CustomPublicationDto>>.Forbidden("forbidden.publishCustomIndicator", $"only a leadership member publishes or withdraws a custom indicator");
        }

        var alliance = await IndicatorAccess.AllianceAsync(db, input.Alliance, ct);
        if (alliance is null)
        {
            return Outcome<IReadOnlyList<CustomPublicationDto>>.NotFound("notFound.alliance", $"alliance '{input.Alliance}'");
        }

        var versions = await db.CustomIndicatorDefinitions.Where(d => d.AllianceId == alliance.Id && d.Code == code).ToListAsync(ct);
        if (versions.Count == 0)
        {
            return Outcome<IReadOnlyList<CustomPublicationDto>>.NotFound("notFound.customIndicator", $"custom indicator '{code}'");
        }

        List<CustomIndicatorDefinition> targets;
        if (input.Version is { } version)
        {
            targets = versions.Where(d => d.Version == version).ToList();
            if (targets.Count == 0)
            {
                return Outcome<IReadOnlyList<CustomPublicationDto>>.Invalid("version", "form.versionUnknown", $"'{code}' has no version {version}");
            }
        }
        else
        {
            targets = publish ? [versions.MaxBy(d => d.Version)!] : versions.Where(d => d.PublishedAt is not null).ToList();
        }

        var now = time.GetUtcNow();
        foreach (var d in targets.Where(d => (d.PublishedAt is not null) != publish))
        {
            var before = ToDto(d);
            d.PublishedBy = publish ? actor.UserName : null;
            d.PublishedAt = publish ? now : null;
            AuditLog.Record(db, time, actor, publish ? "publish-custom-indicator" : "withdraw-custom-indicator",
                nameof(CustomIndicatorDefinition), $"{d.Code}/v{d.Version}", before, ToDto(d));
        }

        await db.SaveChangesAsync(ct);
        return Outcome<IReadOnlyList<CustomPublicationDto>>.Ok(versions.OrderBy(d => d.Version).Select(ToDto).ToList());
    }

    private static CustomPublicationDto ToDto(CustomIndicatorDefinition d) => new(d.Code, d.Version, d.PublishedAt is not null, d.PublishedBy, d.PublishedAt);
}

using Allianssi.Application.Data.Entities;
using Allianssi.Domain;
using ReferenceLevels = Allianssi.Domain.Scoring.ReferenceLevels;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.Data;

/// <summary>
/// The operational store: configuration, users, ledger, indicator values and the audit log.
/// </summary>
/// <remarks>
/// One model, two providers. Each provider has its own derived context type
/// (<see cref="SqliteAllianssiDbContext"/>, <see cref="PostgresAllianssiDbContext"/>) only so that
/// each migration set is bound to its provider; code depends on this base type.
/// </remarks>
public abstract class AllianssiDbContext : IdentityDbContext<AllianssiUser>
{
    protected AllianssiDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Alliance> Alliances => Set<Alliance>();

    public DbSet<Party> Parties => Set<Party>();

    public DbSet<Period> Periods => Set<Period>();

    public DbSet<PeriodParameter> PeriodParameters => Set<PeriodParameter>();

    public DbSet<TargetCost> TargetCosts => Set<TargetCost>();

    public DbSet<TargetCostAdjustment> TargetCostAdjustments => Set<TargetCostAdjustment>();

    public DbSet<LedgerLine> LedgerLines => Set<LedgerLine>();

    public DbSet<KeyResultArea> KeyResultAreas => Set<KeyResultArea>();

    public DbSet<Indicator> Indicators => Set<Indicator>();

    public DbSet<IndicatorLevel> IndicatorLevels => Set<IndicatorLevel>();

    public DbSet<IndicatorValue> IndicatorValues => Set<IndicatorValue>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AuditAnchor> AuditAnchors => Set<AuditAnchor>();

    public DbSet<ResultApproval> ResultApprovals => Set<ResultApproval>();

    public DbSet<ResultLock> ResultLocks => Set<ResultLock>();

    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();

    public DbSet<UploadChunk> UploadChunks => Set<UploadChunk>();

    public DbSet<IndicatorResult> IndicatorResults => Set<IndicatorResult>();

    public DbSet<CustomIndicatorDefinition> CustomIndicatorDefinitions => Set<CustomIndicatorDefinition>();

    public DbSet<BackgroundJob> BackgroundJobs => Set<BackgroundJob>();

    public DbSet<OrganiserModelVersion> OrganiserModelVersions => Set<OrganiserModelVersion>();

    public DbSet<OrganiserInvoiceRun> OrganiserInvoiceRuns => Set<OrganiserInvoiceRun>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Money, weights, shares and measured values: exact decimals, wide enough for all of them.
        configurationBuilder.Properties<decimal>().HavePrecision(28, 10);
        // The domain's value types, each through one converter, in the columns the decimals had (StoredValues.cs).
        configurationBuilder.Properties<Money>().HaveConversion<MoneyConverter>().HavePrecision(28, 10);
        configurationBuilder.Properties<Weight>().HaveConversion<WeightConverter>().HavePrecision(28, 10);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        builder.Entity<Alliance>(e =>
        {
            e.HasIndex(a => a.Code).IsUnique();
            e.Property(a => a.Code).HasMaxLength(64);
            e.ComplexProperty(a => a.Dates, StoredValues.AsStartAndEnd);
        });
        builder.Entity<Party>(e =>
        {
            e.HasIndex(p => new { p.AllianceId, p.Code }).IsUnique();
            e.Property(p => p.Code).HasMaxLength(64);
            e.Property(p => p.Role).StoredAsName(32);
            e.Property(p => p.FeeType).StoredAsName(32);
            e.HasOne(p => p.Alliance).WithMany(a => a.Parties).HasForeignKey(p => p.AllianceId);
        });
        builder.Entity<Period>(e =>
        {
            e.HasIndex(p => new { p.AllianceId, p.Code }).IsUnique();
            e.Property(p => p.Code).HasMaxLength(64);
            e.Property(p => p.ScoreAggregation).StoredAsName(32);
            e.ComplexProperty(p => p.Dates, StoredValues.AsStartAndEnd);
            e.HasOne(p => p.Alliance).WithMany(a => a.Periods).HasForeignKey(p => p.AllianceId);
        });
        builder.Entity<PeriodParameter>(e =>
        {
            e.HasIndex(p => new { p.PeriodId, p.Name }).IsUnique();
            e.Property(p => p.Name).HasMaxLength(64);
            e.HasOne(p => p.Period).WithMany(p => p.Parameters).HasForeignKey(p => p.PeriodId);
        });
        builder.Entity<TargetCost>(e =>
        {
            e.HasIndex(t => new { t.PartyId, t.Year }).IsUnique();
            e.HasOne(t => t.Party).WithMany().HasForeignKey(t => t.PartyId);
        });
        builder.Entity<TargetCostAdjustment>(e =>
        {
            e.HasIndex(t => new { t.PartyId, t.Year });
            e.Property(t => t.Reason).HasMaxLength(1000);
            e.HasOne(t => t.Party).WithMany().HasForeignKey(t => t.PartyId);
        });
        builder.Entity<LedgerLine>(e =>
        {
            e.HasIndex(l => new { l.PartyId, l.Year });
            e.Property(l => l.Description).HasMaxLength(1000);
            e.HasOne(l => l.Party).WithMany().HasForeignKey(l => l.PartyId);
        });
        builder.Entity<KeyResultArea>(e =>
        {
            e.HasIndex(k => new { k.AllianceId, k.Code }).IsUnique();
            e.Property(k => k.Code).HasMaxLength(64);
            e.HasOne(k => k.Alliance).WithMany(a => a.KeyResultAreas).HasForeignKey(k => k.AllianceId);
        });
        builder.Entity<Indicator>(e =>
        {
            e.HasIndex(i => new { i.KeyResultAreaId, i.Code }).IsUnique();
            e.Property(i => i.Code).HasMaxLength(64);
            e.Property(i => i.Missing).StoredAsName(32);
            e.HasOne(i => i.KeyResultArea).WithMany(k => k.Indicators).HasForeignKey(i => i.KeyResultAreaId);
        });
        builder.Entity<IndicatorLevel>(e =>
        {
            e.HasIndex(l => new { l.IndicatorId, l.Year }).IsUnique();
            e.ComplexProperty(l => l.Levels, c =>
            {
                c.Property(r => r.Minus100).HasColumnName(nameof(ReferenceLevels.Minus100));
                c.Property(r => r.Zero).HasColumnName(nameof(ReferenceLevels.Zero));
                c.Property(r => r.Plus100).HasColumnName(nameof(ReferenceLevels.Plus100));
            });
            e.HasOne(l => l.Indicator).WithMany(i => i.Levels).HasForeignKey(l => l.IndicatorId);
        });
        builder.Entity<IndicatorValue>(e =>
        {
            e.HasIndex(v => new { v.IndicatorId, v.Unit, v.Year }).IsUnique();
            e.Property(v => v.Unit).HasMaxLength(64);
            e.HasOne(v => v.Indicator).WithMany().HasForeignKey(v => v.IndicatorId);
        });
        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditLog");
            e.Property(a => a.Actor).HasMaxLength(256);
            e.Property(a => a.Action).HasMaxLength(64);
            e.Property(a => a.Entity).HasMaxLength(64);
            TrustModel.ConfigureAudit(e);
        });
        TrustModel.Configure(builder);
        IndicatorModel.Configure(builder);
        OrganiserDbModel.Configure(builder);
        builder.Entity<ImportBatch>(e =>
        {
            e.HasIndex(b => b.Sha256);
            e.Property(b => b.Dataset).HasMaxLength(64);
            e.Property(b => b.FileName).HasMaxLength(260);
            e.Property(b => b.Sha256).HasMaxLength(64);
            e.Property(b => b.Status).StoredAsName(16);
            e.Property(b => b.ImportedBy).HasMaxLength(256);
            e.Property(b => b.Party).HasMaxLength(64);
            e.Property(b => b.RevertedBy).HasMaxLength(256);
        });
        builder.Entity<UploadChunk>(e =>
        {
            e.HasKey(c => new { c.BatchId, c.Index });
            e.HasOne<ImportBatch>().WithMany().HasForeignKey(c => c.BatchId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AllianssiUser>(e =>
        {
            e.Property(u => u.Role).HasMaxLength(32);
            e.HasOne(u => u.Party).WithMany().HasForeignKey(u => u.PartyId);
        });
    }
}

/// <summary>The context bound to the SQLite migration set (the embedded default).</summary>
public sealed class SqliteAllianssiDbContext(DbContextOptions<SqliteAllianssiDbContext> options)
    : AllianssiDbContext(options);

/// <summary>The context bound to the PostgreSQL migration set (the server option).</summary>
public sealed class PostgresAllianssiDbContext(DbContextOptions<PostgresAllianssiDbContext> options)
    : AllianssiDbContext(options);

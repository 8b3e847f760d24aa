using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Allianssi.Application.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditChainAndApprovals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditLog",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Party",
                table: "AuditLog",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "AuditLog",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Role",
                table: "AuditLog",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "AuditLog",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "ResultLocks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AllianceId = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: true),
                    ActiveScope = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: false),
                    SnapshotHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LockedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ReopenedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ReopenReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResultLocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResultLocks_Alliances_AllianceId",
                        column: x => x.AllianceId,
                        principalTable: "Alliances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ResultLocks_Periods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "Periods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ResultApprovals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AllianceId = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: true),
                    PartyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ResultHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LockId = table.Column<int>(type: "INTEGER", nullable: true),
                    InvalidatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    InvalidationReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResultApprovals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResultApprovals_Alliances_AllianceId",
                        column: x => x.AllianceId,
                        principalTable: "Alliances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ResultApprovals_Parties_PartyId",
                        column: x => x.PartyId,
                        principalTable: "Parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ResultApprovals_Periods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "Periods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ResultApprovals_ResultLocks_LockId",
                        column: x => x.LockId,
                        principalTable: "ResultLocks",
                        principalColumn: "Id");
                });

            // Entries written before the chain existed keep their order; `audit verify` reports them as unsealed.
            migrationBuilder.Sql("UPDATE \"AuditLog\" SET \"Sequence\" = \"Id\";");

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_At",
                table: "AuditLog",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_Sequence",
                table: "AuditLog",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResultApprovals_AllianceId_PeriodId_Year",
                table: "ResultApprovals",
                columns: new[] { "AllianceId", "PeriodId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_ResultApprovals_LockId",
                table: "ResultApprovals",
                column: "LockId");

            migrationBuilder.CreateIndex(
                name: "IX_ResultApprovals_PartyId",
                table: "ResultApprovals",
                column: "PartyId");

            migrationBuilder.CreateIndex(
                name: "IX_ResultApprovals_PeriodId",
                table: "ResultApprovals",
                column: "PeriodId");

            migrationBuilder.CreateIndex(
                name: "IX_ResultLocks_ActiveScope",
                table: "ResultLocks",
                column: "ActiveScope",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResultLocks_AllianceId_PeriodId_Year",
                table: "ResultLocks",
                columns: new[] { "AllianceId", "PeriodId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_ResultLocks_PeriodId",
                table: "ResultLocks",
                column: "PeriodId");

            // Append-only in the database too: an update or delete needs the trigger dropped first (and the chain shows it).
            migrationBuilder.Sql("CREATE TRIGGER \"AuditLog_append_only_update\" BEFORE UPDATE ON \"AuditLog\" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"AuditLog_append_only_delete\" BEFORE DELETE ON \"AuditLog\" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditLog_append_only_update\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditLog_append_only_delete\";");

            migrationBuilder.DropTable(
                name: "ResultApprovals");

            migrationBuilder.DropTable(
                name: "ResultLocks");

            migrationBuilder.DropIndex(
                name: "IX_AuditLog_At",
                table: "AuditLog");

            migrationBuilder.DropIndex(
                name: "IX_AuditLog_Sequence",
                table: "AuditLog");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditLog");

            migrationBuilder.DropColumn(
                name: "Party",
                table: "AuditLog");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "AuditLog");

            migrationBuilder.DropColumn(
                name: "Role",
                table: "AuditLog");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "AuditLog");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Allianssi.Application.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditAnchorsAndDisabledUsers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsDisabled",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "AuditAnchors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditAnchors", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditAnchors_Sequence",
                table: "AuditAnchors",
                column: "Sequence");

            // Append-only like the audit log: a checkpoint outlives whatever is done to the audit table.
            migrationBuilder.Sql("CREATE TRIGGER \"AuditAnchors_append_only_update\" BEFORE UPDATE ON \"AuditAnchors\" BEGIN SELECT RAISE(ABORT, 'the audit checkpoints are append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"AuditAnchors_append_only_delete\" BEFORE DELETE ON \"AuditAnchors\" BEGIN SELECT RAISE(ABORT, 'the audit checkpoints are append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditAnchors_append_only_update\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditAnchors_append_only_delete\";");

            migrationBuilder.DropTable(
                name: "AuditAnchors");

            migrationBuilder.DropColumn(
                name: "IsDisabled",
                table: "AspNetUsers");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Allianssi.Application.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrganiserPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OrganiserModelVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AllianceId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Organiser = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    SavedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SavedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganiserModelVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganiserModelVersions_Alliances_AllianceId",
                        column: x => x.AllianceId,
                        principalTable: "Alliances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrganiserInvoiceRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AllianceId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Cancels = table.Column<int>(type: "integer", nullable: true),
                    ModelVersionId = table.Column<int>(type: "integer", nullable: false),
                    InputsSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ResultJson = table.Column<string>(type: "text", nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganiserInvoiceRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganiserInvoiceRuns_Alliances_AllianceId",
                        column: x => x.AllianceId,
                        principalTable: "Alliances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OrganiserInvoiceRuns_OrganiserModelVersions_ModelVersionId",
                        column: x => x.ModelVersionId,
                        principalTable: "OrganiserModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OrganiserInvoiceRuns_AllianceId_Year_Number",
                table: "OrganiserInvoiceRuns",
                columns: new[] { "AllianceId", "Year", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrganiserInvoiceRuns_ModelVersionId",
                table: "OrganiserInvoiceRuns",
                column: "ModelVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganiserModelVersions_AllianceId_Year_Version",
                table: "OrganiserModelVersions",
                columns: new[] { "AllianceId", "Year", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OrganiserInvoiceRuns");

            migrationBuilder.DropTable(
                name: "OrganiserModelVersions");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Allianssi.Application.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UploadChunkEncrypted : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Encrypted",
                table: "UploadChunks",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Encrypted",
                table: "UploadChunks");
        }
    }
}

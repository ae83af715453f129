CREATE TABLE `portfolio_shares` (
	`portfolio_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`created_by_key_id` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`portfolio_id`, `organisation_id`),
	FOREIGN KEY (`portfolio_id`) REFERENCES `portfolios`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `portfolio_shares_organisation` ON `portfolio_shares` (`organisation_id`);--> statement-breakpoint
ALTER TABLE `api_keys` ADD `last_used_at` text;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `expires_at` text;
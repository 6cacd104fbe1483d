"""The Scrapy project: spiders fetch, extract/ reads pages and PDFs, classify/ decides."""

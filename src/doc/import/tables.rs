//! Tables: task-division tables whose rows are items.

/*
 * dimosctl.h - what the commands of dimosctl share across its files.
 * Owns: the command's state (struct ctl) and the commands one file lends
 * another (instance add runs migrate and keys on the instance it made).
 */
#ifndef DIMOS_DIMOSCTL_H
#define DIMOS_DIMOSCTL_H

#include "config.h"

struct ctl {
	const char	*config_path;
	struct config	 cfg;
	int		 argc;
	char		**argv;
};

/* Each returns the process's exit status (0, 1 failed, 2 usage). */
int	ctl_migrate(struct ctl *ctl);
int	ctl_keys(struct ctl *ctl);
/* dimosctl_instance.c; runs without a configuration loaded. */
int	ctl_instance(struct ctl *ctl);
/* dimosctl_backup.c: backup takes the instance's configuration, restore
 * runs without one (it fills an empty instance). */
int	ctl_backup(struct ctl *ctl);
int	ctl_restore(struct ctl *ctl);

#endif
